import { Controller, Get, Headers, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { IsoDateTime } from '@meridian/contracts';
import { ScoringApiAccess, ScoringApiError } from '../settings';
import { ApiRefusalFilter } from '@meridian/platform';
import { RfmService, type RfmProfileView } from './rfm.service';
import { NothingToSweepError, RfmSweepService } from './rfm-sweep.service';
import type { SweepProgress } from './sweep-progress';

/**
 * RFM over HTTP, for admin keys (any reads; owner and admin keys start sweeps):
 * - GET  /v1/rfm/profiles/:profileId?asOf=<ISO instant>: the RFM at asOf (default: the
 *   workspace clock) with engagement per channel; 404 for a profile RFM never saw;
 * - POST /v1/rfm/sweep: starts a sweep of the workspace on this instance's partitions (202);
 * - GET  /v1/rfm/sweep: the progress of the latest one.
 */
@Controller('v1/rfm')
@UseFilters(ApiRefusalFilter)
export class RfmController {
  constructor(
    private readonly access: ScoringApiAccess,
    private readonly rfm: RfmService,
    private readonly sweeps: RfmSweepService,
  ) {}

  @Get('profiles/:profileId')
  async profile(
    @Headers() headers: Record<string, unknown>,
    @Param('profileId') profileId: string,
    @Query('asOf') asOf: unknown,
  ): Promise<RfmProfileView> {
    const workspaceId = await this.access.workspaceOf(headers, 'read');
    const view = await this.rfm.profileView(workspaceId, profileId, instantOf(asOf));
    if (view === null) throw ScoringApiError.notFound(`RFM has no profile ${profileId}`);
    return view;
  }

  @Post('sweep')
  @HttpCode(202)
  async startSweep(@Headers() headers: Record<string, unknown>): Promise<SweepProgress> {
    const workspaceId = await this.access.workspaceOf(headers, 'change');
    try {
      return await this.sweeps.start(workspaceId);
    } catch (error) {
      if (error instanceof NothingToSweepError) throw ScoringApiError.invalid(error.message);
      throw error;
    }
  }

  @Get('sweep')
  async sweepProgress(@Headers() headers: Record<string, unknown>): Promise<SweepProgress> {
    return this.sweeps.progress(await this.access.workspaceOf(headers, 'read'));
  }
}

/** The `asOf` query parameter as epoch ms; undefined when absent. */
function instantOf(asOf: unknown): number | undefined {
  if (asOf === undefined) return undefined;
  const parsed = IsoDateTime.safeParse(asOf);
  if (!parsed.success)
    throw ScoringApiError.invalid(
      `asOf: an ISO-8601 instant with an offset (2011-12-10T00:00:00Z), not ${JSON.stringify(asOf)}`,
    );
  return Date.parse(parsed.data);
}
