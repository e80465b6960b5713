/**
 * Reconnect delay: exponential from `initialMs` up to `maxMs`, with "equal jitter" (half fixed,
 * half random) so a fleet of agents does not reconnect in lockstep after a platform restart.
 */
export function reconnectDelayMs(
  failures: number,
  options: { initialMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(failures, 30));
  return ceiling / 2 + (random() * ceiling) / 2;
}
