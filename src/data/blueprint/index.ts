/** The blueprint engine: sector blueprint + tenant overlay + runtime policy → SessionConfig. */
export * from './schema.ts';
export { restaurantBlueprintV1 } from './restaurant-v1.ts';
export { composeSessionConfig, deepFreeze } from './session-config.ts';
export type { SessionConfig } from './session-config.ts';
