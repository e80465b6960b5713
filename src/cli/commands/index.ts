import type { CliCommand } from '../command.ts';

/** Every `voxeron` command, in the order `voxeron help` lists them. */
export const commands: CliCommand[] = [];
