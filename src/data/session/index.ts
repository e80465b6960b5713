/** The session manager, dialogue manager, dialogue policy, context engine and session stores. */
export * from './state.ts';
export * from './policy.ts';
export * from './dialogue-manager.ts';
export * from './session-manager.ts';
export * from './session-store.ts';
export * from './memory-store.ts';
export * from './context-engine.ts';
export * from './tool-runner.ts';
export * from './static-source.ts';
export * from './order-documents.ts';
export * from './local-session.ts';
export type { TurnContext } from './turn-context.ts';
export { openingState, postcodeInArea, describeLine, formatMoney } from './menu-facts.ts';
export * from './postgres-store.ts';
export * from './postgres-source.ts';
