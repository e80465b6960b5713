import type { CliCommand } from '../command.ts';
import { callCommand } from './call.ts';
import { auditCommand } from './audit.ts';
import { blueprintCommand } from './blueprint.ts';
import { configCommand } from './config.ts';
import { edgeCommand } from './edge.ts';
import { flagCommand } from './flag.ts';
import { killSwitchCommand } from './kill-switch.ts';
import { menuCommand } from './menu.ts';
import { migrateCommand } from './migrate.ts';
import { parseCommand } from './parse.ts';
import { simulateCommand } from './simulate.ts';
import { tenantCommand } from './tenant.ts';
import { tokenCommand } from './token.ts';
import { startCommand } from './start.ts';

/** Every `voxeron` command, in the order `voxeron help` lists them. */
export const commands: CliCommand[] = [
  startCommand,
  callCommand,
  simulateCommand,
  parseCommand,
  tenantCommand,
  menuCommand,
  tokenCommand,
  auditCommand,
  flagCommand,
  killSwitchCommand,
  blueprintCommand,
  edgeCommand,
  migrateCommand,
  configCommand,
];
