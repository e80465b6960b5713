/** Vendor routing (blueprint §5), provider health and mid-call failover. */
export * from './builtin-policies.ts';
export * from './failover-asr.ts';
export * from './failover-policy.ts';
export * from './failover-tts.ts';
export * from './failover-types.ts';
export * from './policy-match.ts';
export * from './provider-health.ts';
export * from './provider-health-metrics.ts';
export * from './provider-ref.ts';
export * from './redact-secrets.ts';
export * from './route-errors.ts';
export * from './route-vendors.ts';
export * from './timers.ts';
export * from './vendor-failover-event.ts';
export * from './vendor-failover-metrics.ts';
export * from './vendor-failover-recorder.ts';
export * from './vendor-routed-event.ts';
