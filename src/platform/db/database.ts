import type pg from 'pg';
import { AbortedError, UnavailableError, ValidationError, throwIfAborted } from '../errors.ts';
import { isUuid } from '../ids.ts';

/** A query runner bound to one open transaction. */
export interface Tx {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>>;
}

/** A transaction in which `app.tenant_id` is set: RLS shows and accepts only that tenant's rows. */
export interface TenantTx extends Tx {
  readonly tenantId: string;
}

export interface UnitOfWorkOptions {
  /** Aborting cancels the running statement on the server and rolls the transaction back. */
  signal?: AbortSignal;
  /**
   * `false`: the commit returns before its WAL reaches the disk (`synchronous_commit = off`).
   * Only for writes that a server crash may lose because they can be re-derived — the
   * dispatcher's outcome records, which reconcile-before-resend restores (ADR 0015). Any later
   * synchronous commit flushes this one too (the WAL is written in order).
   * @default true
   */
  synchronousCommit?: boolean;
}

/** SQLSTATE classes that mean "the server or the link is gone", not "the query is wrong". */
const unavailableCodes = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/**
 * The application's access to PostgreSQL, as the voxeron_app role. Tenant data is reachable
 * only inside {@link withTenant}; outside it RLS hides every tenant row.
 */
export class Database {
  constructor(readonly pool: pg.Pool) {}

  /**
   * Runs `work` in one transaction scoped to `tenantId` (`set_config('app.tenant_id', id, true)`,
   * so the setting ends with the transaction and a pooled connection carries nothing over).
   * Commits when `work` resolves, rolls back when it throws or the signal aborts.
   */
  async withTenant<T>(
    tenantId: string,
    work: (tx: TenantTx) => Promise<T>,
    options: UnitOfWorkOptions = {},
  ): Promise<T> {
    if (!isUuid(tenantId)) {
      throw new ValidationError('tenant id must be a UUID', [
        { path: 'tenantId', message: 'not a UUID' },
      ]);
    }
    // One round trip for both: a multi-statement simple query takes no parameters, and the
    // id was just checked to be a UUID, so it is inlined as a literal (nothing else can be).
    const scope = `select set_config('app.tenant_id', '${tenantId}', true)`;
    return this.transaction((tx) => work({ tenantId, query: tx.query }), options, scope);
  }

  /**
   * Runs `work` in a transaction with no tenant: only platform-wide tables (blueprints, flags,
   * model policies) and security-definer lookups such as `resolve_route` are reachable.
   */
  async withoutTenant<T>(
    work: (tx: Tx) => Promise<T>,
    options: UnitOfWorkOptions = {},
  ): Promise<T> {
    return this.transaction(work, options);
  }

  /**
   * Runs one statement outside any tenant in its own implicit transaction: one round trip
   * where `begin … commit` takes three. For a single statement that must be all or nothing
   * and needs nothing checked before its commit (the dispatcher's claim, ADR 0024).
   */
  async statement<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[],
    { signal }: Pick<UnitOfWorkOptions, 'signal'> = {},
  ): Promise<pg.QueryResult<Row>> {
    return this.onConnection(
      signal,
      (client) => client.query<Row>(text, values as unknown[]),
      // A server error leaves the connection usable; one without a SQLSTATE may not have.
      async (error) => (error as { code?: string }).code === undefined,
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(
    work: (tx: Tx) => Promise<T>,
    { signal, synchronousCommit }: UnitOfWorkOptions,
    scope?: string,
  ): Promise<T> {
    const begin = [
      'begin',
      scope,
      synchronousCommit === false ? 'set local synchronous_commit = off' : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    return this.onConnection(
      signal,
      async (client) => {
        await client.query(begin);
        const tx: Tx = {
          query: (text, values) => {
            throwIfAborted(signal);
            return client.query(text, values as unknown[]);
          },
        };
        const result = await work(tx);
        throwIfAborted(signal);
        await client.query('commit');
        return result;
      },
      (_error, client) =>
        client.query('rollback').then(
          () => false,
          () => true,
        ),
    );
  }

  /**
   * Runs `use` on a pooled connection whose running statement the signal cancels on the server;
   * on an error, `broken` cleans up and says whether the connection must be dropped, and the
   * error is translated (a cancellation becomes {@link AbortedError}).
   */
  private async onConnection<T>(
    signal: AbortSignal | undefined,
    use: (client: pg.PoolClient) => Promise<T>,
    broken: (error: unknown, client: pg.PoolClient) => Promise<boolean>,
  ): Promise<T> {
    throwIfAborted(signal);
    const client = await this.connect();
    const cancel = () => void this.cancelBackend(client);
    signal?.addEventListener('abort', cancel, { once: true });
    let drop = false;
    try {
      // An abort while the pool was handing out the connection found nothing to cancel.
      throwIfAborted(signal);
      return await use(client);
    } catch (error) {
      drop = await broken(error, client);
      if (signal?.aborted)
        throw new AbortedError('the database work was cancelled', { cause: error });
      throw translate(error);
    } finally {
      signal?.removeEventListener('abort', cancel);
      client.release(drop);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new UnavailableError(`the database is unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Asks the server to cancel the statement running on `client` (pg_cancel_backend). */
  private async cancelBackend(client: pg.PoolClient): Promise<void> {
    const pid = (client as unknown as { processID?: number }).processID;
    if (pid === undefined) return;
    await this.pool.query('select pg_cancel_backend($1)', [pid]).catch(() => undefined);
  }
}

function translate(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code !== undefined && unavailableCodes.has(code)) {
    return new UnavailableError(`the database became unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (
    error instanceof Error &&
    /Connection terminated|ECONNREFUSED|ECONNRESET/.test(error.message)
  ) {
    return new UnavailableError(`the database connection failed: ${error.message}`, {
      cause: error,
    });
  }
  return error;
}
