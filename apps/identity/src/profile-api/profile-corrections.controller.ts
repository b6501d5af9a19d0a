import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Param, Post, UseFilters } from '@nestjs/common';
import {
  Identifier,
  subjects,
  type EnvelopeHeader,
  type IdentifierRemovalRequestedV1,
  type ProfileUnmergeRequestedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { z } from 'zod';
import { ProfileRepository, type Profile } from '../profiles';
import { ProfileApiAccess, WORKSPACE_HEADER } from './profile-api-access';
import { ProfileApiError } from './profile-api-error';
import { ApiRefusalFilter } from '@meridian/platform';
import { parseQuery, ProfileId } from './profile-api-queries';

const UnmergeBody = z.object({ absorbedId: ProfileId }).strict();
const RemovalBody = Identifier.strict();

/** What the API answers: the command that will carry the correction out, once, in order. */
export interface AcceptedCorrection {
  readonly commandId: string;
}

/**
 * Corrections of the identity graph for owner and admin keys. Each is a command to the writer
 * of the profile's partition, applied in order with its calls: answered 202 once the command
 * is stored; profile.updated tells when it was applied.
 */
@Controller('v1/profiles/:profileId')
@UseFilters(ApiRefusalFilter)
export class ProfileCorrectionsController {
  constructor(
    private readonly access: ProfileApiAccess,
    private readonly profiles: ProfileRepository,
    private readonly publisher: JetStreamPublisher,
  ) {}

  /** POST /v1/profiles/:survivorId/unmerge { "absorbedId": "…" } */
  @Post('unmerge')
  @HttpCode(202)
  async unmerge(
    @Headers() headers: Record<string, unknown>,
    @Param('profileId') survivorId: string,
    @Body() body: unknown,
  ): Promise<AcceptedCorrection> {
    const workspaceId = await this.workspaceOf(headers);
    const { absorbedId } = parseQuery(UnmergeBody, body);
    const survivor = await this.liveProfile(workspaceId, parseQuery(ProfileId, survivorId));
    if (!survivor.mergeHistory.some((merge) => merge.absorbedId === absorbedId))
      throw ProfileApiError.conflict(
        `profile "${absorbedId}" was never merged into "${survivorId}" (or was taken out already)`,
      );
    const { partition } = survivor;
    const command: ProfileUnmergeRequestedV1 = {
      ...commandHeader(workspaceId),
      type: 'profile.unmerge.requested',
      payload: { survivorId, partition, absorbedId },
    };
    await this.publisher.publish(subjects.ingest(partition), command);
    return { commandId: command.id };
  }

  /** POST /v1/profiles/:profileId/identifiers/remove { "type": "email", "value": "…" } */
  @Post('identifiers/remove')
  @HttpCode(202)
  async removeIdentifier(
    @Headers() headers: Record<string, unknown>,
    @Param('profileId') profileId: string,
    @Body() body: unknown,
  ): Promise<AcceptedCorrection> {
    const workspaceId = await this.workspaceOf(headers);
    const identifier = parseQuery(RemovalBody, body);
    const { partition } = await this.liveProfile(workspaceId, parseQuery(ProfileId, profileId));
    const command: IdentifierRemovalRequestedV1 = {
      ...commandHeader(workspaceId),
      type: 'profile.identifier.removal.requested',
      payload: { profileId, partition, identifier },
    };
    await this.publisher.publish(subjects.ingest(partition), command);
    return { commandId: command.id };
  }

  private workspaceOf(headers: Record<string, unknown>): Promise<string> {
    return this.access.workspaceOf(
      { authorization: headers['authorization'], workspace: headers[WORKSPACE_HEADER] },
      'change',
    );
  }

  /**
   * The profile a correction names: 404 when there is none, 409 when it was merged away (a
   * correction is made on the survivor; its writer would refuse the command otherwise).
   */
  private async liveProfile(workspaceId: string, profileId: string): Promise<Profile> {
    const profile = await this.profiles.findById(workspaceId, profileId);
    if (profile === null)
      throw ProfileApiError.notFound(`no profile "${profileId}" in this workspace`);
    if (profile.mergedInto !== null)
      throw ProfileApiError.conflict(
        `profile "${profileId}" was merged into "${profile.mergedInto}": correct the survivor`,
      );
    return profile;
  }
}

/** A new command: its own causal chain, stamped now. */
function commandHeader(workspaceId: string): Omit<EnvelopeHeader, 'type'> & { version: 1 } {
  const id = `cmd_${randomUUID()}`;
  const now = new Date().toISOString();
  return {
    id,
    version: 1,
    workspaceId,
    occurredAt: now,
    receivedAt: now,
    correlationId: id,
    causationId: null,
  };
}
