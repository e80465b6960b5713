/** Goal-driven simulated callers and the scenario runner (see ../shared/eval/README.md). */
export * from './scenario.ts';
export * from './caller.ts';
export * from './run-scenarios.ts';
