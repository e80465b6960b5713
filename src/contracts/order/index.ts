export * from './order-line.ts';
