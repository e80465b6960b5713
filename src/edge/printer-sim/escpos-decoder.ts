/**
 * A streaming ESC/POS decoder: turns the bytes a driver sends into readable ticket lines with
 * their emphasis, and reports `DLE EOT n` status requests in order. It knows the commands a
 * kitchen ticket uses; an unknown one is skipped and counted, never fatal.
 */

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;

/** Code page 437, bytes 0x80–0xFF: the printer default (`ESC t 0`). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** One printed line and the emphasis any of its characters had. */
export interface DecodedLine {
  text: string;
  bold: boolean;
  inverted: boolean;
  /** Width or height magnified (GS ! / ESC !). */
  enlarged: boolean;
}

export type DecoderEvent =
  | { kind: 'status_request'; n: number }
  /** A cut: the lines since the previous cut form one ticket. */
  | { kind: 'cut'; lines: DecodedLine[] };

/** Fixed argument counts of the ESC and GS commands a receipt uses. */
const escArgs = new Map<number, number>([
  [0x40, 0],
  [0x45, 1],
  [0x47, 1],
  [0x2d, 1],
  [0x4d, 1],
  [0x61, 1],
  [0x74, 1],
  [0x21, 1],
  [0x64, 1],
  [0x4a, 1],
  [0x32, 0],
  [0x33, 1],
  [0x52, 1],
  [0x7b, 1],
  [0x56, 1],
  [0x20, 1],
  [0x24, 2],
  [0x5c, 2],
  [0x70, 3],
  [0x72, 1],
  [0x63, 2],
  [0x69, 0],
  [0x6d, 0],
  [0x25, 1],
  [0x34, 1],
  [0x35, 1],
  [0x55, 1],
]);
const gsArgs = new Map<number, number>([
  [0x42, 1],
  [0x21, 1],
  [0x4c, 2],
  [0x57, 2],
  [0x68, 1],
  [0x77, 1],
  [0x48, 1],
  [0x66, 1],
  [0x62, 1],
  [0x61, 1],
  [0x49, 1],
  [0x72, 1],
  [0x54, 1],
]);

export class EscPosDecoder {
  private pending = new Uint8Array(0);
  private lines: DecodedLine[] = [];
  private current: DecodedLine = blankLine();
  private bold = false;
  private inverted = false;
  private enlarged = false;
  /** Commands this decoder did not know (skipped). */
  unknownCommands = 0;

  /** Feeds received bytes; returns what completed, in the order the printer must act on it. */
  push(chunk: Uint8Array): DecoderEvent[] {
    const bytes = new Uint8Array(this.pending.length + chunk.length);
    bytes.set(this.pending);
    bytes.set(chunk, this.pending.length);
    const events: DecoderEvent[] = [];
    let i = 0;
    while (i < bytes.length) {
      const used = this.step(bytes, i, events);
      if (used === 0) break; // an incomplete command: wait for more bytes
      i += used;
    }
    this.pending = bytes.slice(i);
    return events;
  }

  /** Lines received since the last cut (a ticket cut short by a dropped connection). */
  get unfinishedLines(): number {
    return this.lines.length + (this.current.text.length > 0 ? 1 : 0);
  }

  /** Decodes one command or character at `i`; returns the bytes used, 0 when incomplete. */
  private step(bytes: Uint8Array, i: number, events: DecoderEvent[]): number {
    const byte = bytes[i]!;
    const available = bytes.length - i;
    if (byte === LF) {
      this.endLine();
      return 1;
    }
    if (byte === CR) return 1;
    if (byte === HT) {
      this.append(' ');
      return 1;
    }
    if (byte === DLE) {
      if (available < 3) return 0;
      if (bytes[i + 1] === 0x04) events.push({ kind: 'status_request', n: bytes[i + 2]! });
      else this.unknownCommands += 1;
      return 3;
    }
    if (byte === ESC) return this.escape(bytes, i, available);
    if (byte === GS) return this.groupSeparator(bytes, i, available, events);
    if (byte === FS) {
      if (available < 2) return 0;
      return bytes[i + 1] === 0x43 ? (available < 3 ? 0 : 3) : 2;
    }
    if (byte < 0x20) {
      this.unknownCommands += 1;
      return 1;
    }
    this.append(byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80]!);
    return 1;
  }

  private escape(bytes: Uint8Array, i: number, available: number): number {
    if (available < 2) return 0;
    const command = bytes[i + 1]!;
    const argCount = escArgs.get(command);
    if (argCount === undefined) {
      this.unknownCommands += 1;
      return 2;
    }
    if (available < 2 + argCount) return 0;
    const n = bytes[i + 2] ?? 0;
    if (command === 0x40) this.reset();
    else if (command === 0x45 || command === 0x47) this.bold = (n & 1) === 1;
    else if (command === 0x21) {
      this.bold = (n & 0x08) !== 0;
      this.enlarged = (n & 0x30) !== 0;
    } else if (command === 0x64) for (let k = 0; k < n; k += 1) this.endLine();
    return 2 + argCount;
  }

  private groupSeparator(
    bytes: Uint8Array,
    i: number,
    available: number,
    events: DecoderEvent[],
  ): number {
    if (available < 2) return 0;
    const command = bytes[i + 1]!;
    if (command === 0x56) {
      // GS V m [n]: m 0/1/48/49 cut now; 65/66/97/98.. feed n then cut.
      if (available < 3) return 0;
      const m = bytes[i + 2]!;
      const length = m >= 65 ? 4 : 3;
      if (available < length) return 0;
      this.endLine();
      events.push({ kind: 'cut', lines: this.lines });
      this.lines = [];
      return length;
    }
    if (command === 0x28) {
      // GS ( x pL pH data: length-prefixed (QR codes, process ids, …).
      if (available < 5) return 0;
      const length = 5 + bytes[i + 3]! + bytes[i + 4]! * 256;
      return available < length ? 0 : length;
    }
    if (command === 0x76 && bytes[i + 2] === 0x30) {
      // GS v 0 m xL xH yL yH data: a raster image.
      if (available < 8) return 0;
      const length =
        8 + (bytes[i + 4]! + bytes[i + 5]! * 256) * (bytes[i + 6]! + bytes[i + 7]! * 256);
      return available < length ? 0 : length;
    }
    const argCount = gsArgs.get(command);
    if (argCount === undefined) {
      this.unknownCommands += 1;
      return 2;
    }
    if (available < 2 + argCount) return 0;
    const n = bytes[i + 2] ?? 0;
    if (command === 0x42) this.inverted = (n & 1) === 1;
    else if (command === 0x21) this.enlarged = n !== 0;
    return 2 + argCount;
  }

  private append(text: string): void {
    this.current.text += text;
    if (text.trim().length === 0) return;
    this.current.bold ||= this.bold;
    this.current.inverted ||= this.inverted;
    this.current.enlarged ||= this.enlarged;
  }

  private endLine(): void {
    this.current.text = this.current.text.trimEnd();
    this.lines.push(this.current);
    this.current = blankLine();
  }

  private reset(): void {
    this.bold = false;
    this.inverted = false;
    this.enlarged = false;
  }
}

function blankLine(): DecodedLine {
  return { text: '', bold: false, inverted: false, enlarged: false };
}

/** A decoded ticket as text: inverted lines in [brackets], bold ones between *stars*. */
export function renderTicketText(lines: readonly DecodedLine[]): string {
  const body = lines.map((line) => {
    if (line.text.length === 0) return '';
    if (line.inverted) return `[${line.text.trim()}]`;
    return line.bold ? `*${line.text.trim()}*` : line.text;
  });
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  return `${body.join('\n')}\n`;
}
