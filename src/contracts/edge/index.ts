export * from './edge-message.ts';
export * from './job-status.ts';
export * from './messages.ts';
export * from './parse-edge-message.ts';
export * from './printer-state.ts';
export * from './protocol.ts';
