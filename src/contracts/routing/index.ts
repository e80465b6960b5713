export * from './model-policy.ts';
export * from './vendor-route.ts';
