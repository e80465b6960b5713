import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const childEntry = path.join(import.meta.dirname, 'edge-agent-child.ts');

/**
 * The edge agent as a separate OS process (`node --import tsx edge-agent-child.ts <config>`),
 * so a test can SIGKILL it like a power cut and start it again on the same config and queue.
 */
export class AgentProcess {
  /** Jobs the agent put back in its queue after a restart (from its `recovered` log lines). */
  recoveredJobs = 0;
  /** Times the process was started. */
  starts = 0;
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private readonly output: string[] = [];

  constructor(
    private readonly configFile: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.killed;
  }

  /** The last lines the agent wrote, for failure messages. */
  tail(lines = 20): string {
    return this.output.slice(-lines).join('\n');
  }

  start(): void {
    if (this.running) throw new Error('the agent process is already running');
    const child = spawn(process.execPath, ['--import', 'tsx', childEntry, this.configFile], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts += 1;
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.note(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
  }

  /** SIGKILL: no cleanup, like a power cut. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the agent closes its link and queue. Falls back to SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<number | null> {
    if (!this.running) return this.exited;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private note(line: string): void {
    this.output.push(line);
    if (this.output.length > 200) this.output.shift();
    const recovered = /"recovered":(\d+)/.exec(line);
    if (recovered) this.recoveredJobs += Number(recovered[1]);
  }
}
