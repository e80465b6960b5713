/**
 * One audio child process of a {@link DeviceAudioTransport}: the recorder (raw PCM16 on its
 * stdout) or the player (raw PCM16 on its stdin). Keeps the tail of its stderr for error
 * messages, says in one line why it ended, and stops with a bounded wait so that no child
 * outlives the call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { settleWithin } from '../../../platform/clock.ts';
import { VoxeronError, Retry } from '../../../platform/errors.ts';
import type { AudioCommand } from './device-transport-commands.ts';

export type AudioProcessRole = 'capture' | 'playback';

export interface AudioProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (not found, not executable). */
  spawnError?: Error;
}

/** Characters of stderr kept: enough for sox's last lines under ALSA's noise. */
const stderrKeptChars = 4000;
/** Lines of stderr quoted in a reason: the last ones say what failed. */
const stderrQuotedLines = 2;

/** The audio device cannot be used: the recorder or player failed to start, or stayed silent. */
export class AudioDeviceUnavailableError extends VoxeronError {
  readonly code = 'audio_device_unavailable';
  readonly retry = Retry.never;
  /**
   * @param message the whole story: the full command and the last lines of its stderr
   * @param summary the same for a person, short: the program and its last stderr line
   */
  constructor(
    message: string,
    readonly summary: string,
  ) {
    super(message);
  }
}

export function isAudioDeviceUnavailable(error: unknown): error is AudioDeviceUnavailableError {
  return error instanceof AudioDeviceUnavailableError;
}

export class AudioProcess {
  readonly child: ChildProcess;
  /** Resolves once the process has ended and its pipes are closed; never rejects. */
  readonly exited: Promise<AudioProcessExit>;
  private stderrText = '';
  private exit: AudioProcessExit | undefined;

  constructor(
    readonly role: AudioProcessRole,
    readonly command: AudioCommand,
  ) {
    const [program, ...args] = command;
    this.child = spawn(program, args, {
      stdio: [
        role === 'playback' ? 'pipe' : 'ignore',
        role === 'capture' ? 'pipe' : 'ignore',
        'pipe',
      ],
    });
    let spawnError: Error | undefined;
    this.exited = new Promise((resolve) => {
      // 'close' also follows a failed spawn ('error' first), and comes after the last stdout data.
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal, ...(spawnError ? { spawnError } : {}) };
        resolve(this.exit);
      });
    });
    this.child.on('error', (error) => {
      if (this.child.pid === undefined) spawnError = error;
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (text: string) => {
      this.stderrText = (this.stderrText + text).slice(-stderrKeptChars);
    });
    // A player that died makes writes fail with EPIPE; its exit is reported through `exited`.
    this.child.stdin?.on('error', () => undefined);
    this.child.stdout?.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** The command as typed in a shell, for messages. */
  get commandLine(): string {
    return this.command.join(' ');
  }

  /** One line: which command (in full), how it ended, and the last lines of its stderr. */
  describeExit(): string {
    const tail = this.stderrTail(stderrQuotedLines);
    return `${this.role} command \`${this.commandLine}\` ${this.howItEnded()}${tail ? `: ${tail}` : ''}`;
  }

  /** {@link describeExit} for a person: the program's name and its last line of stderr. */
  summarizeExit(): string {
    const tail = this.stderrTail(1);
    return `${this.programName} ${this.howItEnded()}${tail ? `: ${tail}` : ''}`;
  }

  /** The program's file name, without its directory. */
  get programName(): string {
    return this.command[0].split('/').at(-1) ?? this.command[0];
  }

  private howItEnded(): string {
    const exit = this.exit;
    if (!exit) return 'is still running';
    if (exit.spawnError) return `could not be started (${exit.spawnError.message})`;
    if (exit.code === 0) return 'ended';
    if (exit.code !== null) return `exited with code ${exit.code}`;
    return `was killed by ${exit.signal ?? 'a signal'}`;
  }

  /** The last `lines` non-empty lines of stderr, joined on one line. */
  private stderrTail(lines: number): string {
    return this.stderrText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .slice(-lines)
      .join(' | ');
  }

  /**
   * Ends the process: a player gets end-of-input (it plays out the little it holds), a recorder
   * SIGTERM; whichever has not ended after `graceMs` gets SIGTERM, then SIGKILL.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.exit || this.child.pid === undefined) {
      await this.exited;
      return;
    }
    if (this.child.stdin) this.child.stdin.end();
    else this.child.kill('SIGTERM');
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if ((await settleWithin(this.exited, graceMs)) !== 'timeout') return;
      this.child.kill(signal);
    }
    // SIGKILL cannot be ignored; only a grandchild holding the pipes open could delay 'close'.
    await settleWithin(this.exited, graceMs);
  }
}
