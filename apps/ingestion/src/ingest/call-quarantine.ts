import { Injectable, Logger } from '@nestjs/common';
import type { WriteKeyOwner } from '@meridian/workspaces';
import type { QuarantinedCall } from './call-admission';
import { IngestMetrics } from './ingest.metrics';

/** Where calls the tracking plan blocked go instead of the INGEST stream. */
export abstract class CallQuarantine {
  abstract hold(owner: WriteKeyOwner, calls: readonly QuarantinedCall[]): Promise<void>;
}

/**
 * For now quarantined calls are only counted and logged (one line per call, with the rules
 * it broke); a quarantine stream that keeps them for review replaces this.
 */
@Injectable()
export class LoggingCallQuarantine extends CallQuarantine {
  private readonly logger = new Logger('CallQuarantine');

  constructor(private readonly metrics: IngestMetrics) {
    super();
  }

  async hold(owner: WriteKeyOwner, calls: readonly QuarantinedCall[]): Promise<void> {
    this.metrics.countQuarantined(calls.length);
    for (const { call, violations } of calls) {
      const rules = [...new Set(violations.map((violation) => violation.rule))].join(', ');
      this.logger.warn(
        `quarantined ${call.type} call ${call.messageId} of workspace ${owner.workspaceId} (source ${owner.sourceId}): ${rules}`,
      );
    }
  }
}
