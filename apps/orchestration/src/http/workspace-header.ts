import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

export const WORKSPACE_HEADER = 'x-meridian-workspace';
export const DEFAULT_WORKSPACE = 'local';

const WorkspaceId = z.string().trim().min(1).max(64).default(DEFAULT_WORKSPACE);

/** The workspace a request is about: its X-Meridian-Workspace header, "local" without one. */
export function workspaceFromHeader(value: string | undefined): string {
  const parsed = WorkspaceId.safeParse(value);
  if (!parsed.success) {
    throw new BadRequestException(`${WORKSPACE_HEADER} must be 1 to 64 characters`);
  }
  return parsed.data;
}
