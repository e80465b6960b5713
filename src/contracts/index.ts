/**
 * The versioned contract surfaces v1 (blueprint §4): tool contracts, domain events, the action
 * state machine, the edge protocol, and the menu and order types. Imports nothing but zod.
 * Valid examples of each live in `./testing/` and are not exported here.
 */
export * from './actions/index.ts';
export * from './common/index.ts';
export * from './edge/index.ts';
export * from './events/index.ts';
export * from './json-schema.ts';
export * from './menu/index.ts';
export * from './order/index.ts';
export * from './routing/index.ts';
export * from './tools/index.ts';
