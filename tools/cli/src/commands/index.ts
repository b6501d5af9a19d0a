import type { CommandMap } from '../command';
import { adminKeyCommand } from './admin-key';
import { provisionCommand } from './provision';
import { seedWorkspaceCommand } from './seed-workspace';
import { sourceSettingsCommand } from './source-settings';

/** Every command by the name it is called with; add new commands here, one file each. */
export const commands: CommandMap = {
  'admin-key': adminKeyCommand,
  provision: provisionCommand,
  'seed-workspace': seedWorkspaceCommand,
  'source-settings': sourceSettingsCommand,
};
