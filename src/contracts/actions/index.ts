export * from './action-error.ts';
export * from './action-status.ts';
export * from './action-transitions.ts';
export * from './action-type.ts';
export * from './action.ts';
export * from './webhook-delivery.ts';
