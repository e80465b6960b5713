export * from './menu-v1.ts';
export * from './validate-menu.ts';
