import type { Tx } from '../db/database.ts';

/**
 * The NOTIFY channel on which the control plane announces a changed feature flag or kill switch.
 * Its own channel, not `voxeron_config`: global switches belong to no tenant and have no event
 * stream, and every listener reloads everything anyway (the tables are tiny).
 */
export const runtimeControlsChannel = 'voxeron_runtime_controls';

/** What changed; listeners reload everything whatever the payload says. */
export type RuntimeControlsChange = 'flag' | 'kill_switch';

/** Announces a change in the caller's transaction: delivered at commit, dropped on rollback. */
export async function notifyRuntimeControlsChanged(
  tx: Tx,
  change: RuntimeControlsChange,
): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [runtimeControlsChannel, change]);
}
