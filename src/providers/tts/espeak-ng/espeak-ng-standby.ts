/**
 * One espeak-ng process per voice (command line) spawned ahead of time and waiting for its text.
 * Starting espeak-ng (exec, dynamic linking, loading the voice) is most of its first-chunk
 * latency; a waiting process starts speaking in a few milliseconds (bench/tts-espeak.ts).
 * Each process speaks once — its stdout is one WAV stream with no marker between texts — so a
 * used spare is replaced when its synthesis ends: spawning blocks the event loop for a moment,
 * which must not fall between a request and its first chunk. Idle spares do not keep Node
 * running.
 */
import { EspeakNgProcess } from './espeak-ng-process.ts';

export class EspeakNgStandby {
  private readonly waiting = new Map<string, EspeakNgProcess>();
  /** Every process alive, speaking or waiting, for leak checks. */
  private readonly live = new Set<EspeakNgProcess>();
  private closed = false;

  constructor(
    private readonly binaryPath: string,
    private readonly killGraceMs: number,
    private readonly keepStandby: boolean,
  ) {}

  get liveProcesses(): number {
    return this.live.size;
  }

  /** A process for `args`: the waiting one when there is one, else a fresh one. */
  take(args: readonly string[]): EspeakNgProcess {
    const key = args.join('\u0000');
    const standby = this.waiting.get(key);
    this.waiting.delete(key);
    const process = standby?.isAvailable ? standby : this.spawn(args);
    if (standby !== undefined && standby !== process) void standby.dispose();
    return process;
  }

  /** After a synthesis with `args` ended: a spare for the next one, when spares are kept. */
  replenish(args: readonly string[]): void {
    if (this.keepStandby) this.prepare(args);
  }

  /** Spawns a waiting process for `args` unless one is waiting already. */
  prepare(args: readonly string[]): void {
    const key = args.join('\u0000');
    if (this.closed || this.waiting.get(key)?.isAvailable) return;
    const process = this.spawn(args);
    process.setIdle(true);
    this.waiting.set(key, process);
  }

  /** Kills the waiting processes; later requests spawn their own. */
  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    await Promise.all(waiting.map((process) => process.dispose()));
  }

  private spawn(args: readonly string[]): EspeakNgProcess {
    const process = new EspeakNgProcess(this.binaryPath, args, this.killGraceMs);
    this.live.add(process);
    void process.exited.then(() => {
      this.live.delete(process);
      // A standby that died on its own (killed from outside) is forgotten; the next take spawns.
      for (const [key, waiting] of this.waiting) if (waiting === process) this.waiting.delete(key);
    });
    return process;
  }
}
