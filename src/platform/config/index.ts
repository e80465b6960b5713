export * from './settings.ts';
export * from './load-config.ts';
