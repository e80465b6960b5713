/**
 * One espeak-ng process speaking one text: the text goes in on stdin (never as an argument, so
 * no character can be read as an option), WAV bytes come out on stdout. A process may be
 * spawned ahead of time and wait, idle, for its text (see espeak-ng-standby.ts): espeak-ng
 * loads its voice before it reads stdin, so a waiting process answers in a few milliseconds.
 * `dispose` makes sure the process is gone (SIGTERM, then SIGKILL after a grace) and waits for
 * it to be reaped, so no zombie or pipe outlives a synthesis.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { AbortedError } from '../../../platform/errors.ts';
import { EspeakNgFailedError, espeakNotInstalled } from './espeak-ng-errors.ts';

/** Bytes buffered from stdout before the pipe is paused (about 6 s of 22050 Hz audio). */
const maxBufferedBytes = 256 * 1024;
const maxStderrChars = 2000;

type Pipe = (Readable | Writable) & { ref?: () => void; unref?: () => void };

export class EspeakNgProcess {
  /** Resolves when the process has exited and been reaped (or never started). */
  readonly exited: Promise<void>;
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly chunks: Buffer[] = [];
  private bufferedBytes = 0;
  private stdoutEnded = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private stderr = '';
  private killTimer: NodeJS.Timeout | undefined;
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private hasExited = false;
  private started = false;
  private signal: AbortSignal | undefined;
  private readonly onAbort = () => {
    this.kill();
    this.notify();
  };

  constructor(
    private readonly binaryPath: string,
    readonly args: readonly string[],
    private readonly killGraceMs: number,
  ) {
    this.child = spawn(binaryPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, exitSignal) => {
        this.hasExited = true;
        this.exitCode = code;
        this.exitSignal = exitSignal;
        clearTimeout(this.killTimer);
        this.notify();
        resolve();
      });
      this.child.once('error', (error: NodeJS.ErrnoException) => {
        this.failure ??=
          error.code === 'ENOENT' || error.code === 'EACCES'
            ? espeakNotInstalled(binaryPath, error)
            : new EspeakNgFailedError(`espeak-ng could not be started: ${error.message}`, {
                cause: error,
              });
        this.notify();
        if (this.child.pid === undefined) resolve();
      });
    });
    this.child.stdout.on('data', (bytes: Buffer) => {
      this.chunks.push(bytes);
      this.bufferedBytes += bytes.length;
      if (this.bufferedBytes > maxBufferedBytes) this.child.stdout.pause();
      this.notify();
    });
    this.child.stdout.once('end', () => {
      this.stdoutEnded = true;
      this.notify();
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => {
      if (this.stderr.length < maxStderrChars) this.stderr += text;
    });
    // The process may die before reading all of stdin (EPIPE); its exit status says why.
    this.child.stdin.on('error', () => undefined);
  }

  /** Whether the process can still take a text (it has not exited or failed to start). */
  get isAvailable(): boolean {
    return !this.started && !this.hasExited && this.failure === undefined;
  }

  /**
   * An idle process must not keep Node running (a CLI would never exit); a speaking one must,
   * like any other I/O in flight.
   */
  setIdle(idle: boolean): void {
    const pipes: Pipe[] = [this.child.stdin, this.child.stdout, this.child.stderr];
    if (idle) {
      this.child.unref();
      for (const pipe of pipes) pipe.unref?.();
    } else {
      this.child.ref();
      for (const pipe of pipes) pipe.ref?.();
    }
  }

  /** Hands the process its text; `signal` aborting kills it. Once per process. */
  speak(text: string, signal: AbortSignal | undefined): void {
    if (this.started) throw new Error('EspeakNgProcess.speak called twice');
    this.started = true;
    this.setIdle(false);
    this.signal = signal;
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted) this.kill();
    this.child.stdin.end(text, 'utf8');
  }

  /** The next bytes of stdout; undefined when espeak-ng has finished successfully. */
  async read(): Promise<Buffer | undefined> {
    for (;;) {
      if (this.signal?.aborted) {
        throw new AbortedError('speech synthesis was cancelled', { cause: this.signal.reason });
      }
      if (this.failure) throw this.failure;
      const bytes = this.chunks.shift();
      if (bytes !== undefined) {
        this.bufferedBytes -= bytes.length;
        if (this.bufferedBytes <= maxBufferedBytes) this.child.stdout.resume();
        return bytes;
      }
      if (this.stdoutEnded && this.hasExited) {
        this.throwIfFailed();
        return undefined;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops the process now; SIGKILL follows if it has not exited after the grace period. */
  kill(): void {
    if (this.hasExited || this.child.pid === undefined || this.killTimer !== undefined) return;
    this.child.kill('SIGTERM');
    this.killTimer = setTimeout(() => this.child.kill('SIGKILL'), this.killGraceMs);
    this.killTimer.unref();
  }

  /** Kills the process if it still runs and resolves once it has been reaped. */
  async dispose(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.setIdle(false); // an unreferenced child would let Node exit while we wait for it
    this.kill();
    this.child.stdout.resume(); // a paused pipe would keep a killed child's stdout open
    await this.exited;
    this.child.stdout.destroy();
    this.child.stderr.destroy();
    this.child.stdin.destroy();
  }

  private throwIfFailed(): void {
    if (this.exitCode === 0) return;
    const how = this.exitSignal
      ? `was killed by ${this.exitSignal}`
      : `exited with status ${this.exitCode}`;
    const stderr = this.stderr.trim();
    throw new EspeakNgFailedError(`espeak-ng ${how}${stderr ? `: ${stderr}` : ''}`, {
      details: { binaryPath: this.binaryPath, exitCode: this.exitCode, signal: this.exitSignal },
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
