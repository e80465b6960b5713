export * from './channel.ts';
export * from './flag-rollout.ts';
export * from './kill-switch.ts';
export * from './load-snapshot.ts';
export * from './runtime-controls.ts';
export * from './runtime-snapshot.ts';
