import type { CommandMap } from '../command';
import { provisionCommand } from './provision';
import { seedWorkspaceCommand } from './seed-workspace';

/** Every command by the name it is called with; add new commands here, one file each. */
export const commands: CommandMap = {
  provision: provisionCommand,
  'seed-workspace': seedWorkspaceCommand,
};
