export * from './settings.ts';
export * from './load-config.ts';
export * from './edge-agent-settings.ts';
