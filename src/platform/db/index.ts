export * from './database.ts';
export * from './open-database.ts';
export * from './migrate.ts';
export { appRole } from './app-role.ts';
