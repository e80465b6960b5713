/** Valid examples of every v1 contract, for tests; not part of the runtime surface. */
export * from './action-examples.ts';
export * from './edge-examples.ts';
export * from './event-examples.ts';
export * from './ids.ts';
export * from './tool-examples.ts';
export * from './routing-examples.ts';
