export * from './customer.ts';
export * from './fulfilment.ts';
export * from './order-line.ts';
export * from './requested-time.ts';
