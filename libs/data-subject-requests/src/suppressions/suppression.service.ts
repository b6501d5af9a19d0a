import type { Identifier } from '@meridian/contracts';
import { z } from 'zod';
import type { SuppressionIndex } from './suppression-index';
import type {
  SuppressionDropCountRepository,
  SuppressionRepository,
} from './suppression.repository';

/** A suppression as GET .../suppressions answers it. */
export const SuppressionView = z.object({
  id: z.string(),
  identifier: z.object({ type: z.string(), value: z.string() }),
  /** The request that created it. */
  requestId: z.string(),
  createdAt: z.iso.datetime(),
  /** Events dropped since it was created, on every instance; written about once a second. */
  droppedEvents: z.number().int().min(0),
  lastDroppedAt: z.iso.datetime().nullable(),
});
export type SuppressionView = z.infer<typeof SuppressionView>;

export const SuppressionList = z.object({ suppressions: z.array(SuppressionView) });
export type SuppressionList = z.infer<typeof SuppressionList>;

/** The query of GET .../suppressions. */
export const ListSuppressionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});
export type ListSuppressionsQuery = z.infer<typeof ListSuppressionsQuery>;

/** Storing, lifting and listing suppressions; this instance sees its own changes at once. */
export class SuppressionService {
  constructor(
    private readonly suppressions: SuppressionRepository,
    private readonly dropCounts: SuppressionDropCountRepository,
    private readonly index: SuppressionIndex,
  ) {}

  /** Suppresses each identifier not suppressed yet; returns how many were new. */
  async suppress(
    workspaceId: string,
    identifiers: readonly Identifier[],
    requestId: string,
    now: Date,
  ): Promise<number> {
    let created = 0;
    try {
      for (const identifier of identifiers) {
        if (await this.suppressions.suppress(workspaceId, identifier, requestId, now)) created += 1;
      }
    } finally {
      this.index.invalidate(workspaceId);
    }
    return created;
  }

  /** Lifts the suppressions of these identifiers with their counts; returns how many existed. */
  async unsuppress(workspaceId: string, identifiers: readonly Identifier[]): Promise<number> {
    try {
      const removed = await this.suppressions.remove(workspaceId, identifiers);
      await this.dropCounts.removeFor(workspaceId, removed);
      return removed.length;
    } finally {
      this.index.invalidate(workspaceId);
    }
  }

  /** Active suppressions, newest first, with the events dropped under each. */
  async list(workspaceId: string, query: ListSuppressionsQuery): Promise<SuppressionView[]> {
    const suppressions = await this.suppressions.list(workspaceId, query.limit);
    const counts = await this.dropCounts.forSuppressions(
      workspaceId,
      suppressions.map((suppression) => suppression._id),
    );
    return suppressions.map((suppression) => {
      // Counts of an earlier suppression of the same identifier (lifted since) do not count.
      const own = counts.filter(
        (count) =>
          count.suppressionId === suppression._id && count.requestId === suppression.requestId,
      );
      const last = own.reduce<Date | null>(
        (latest, count) =>
          latest === null || count.lastDroppedAt > latest ? count.lastDroppedAt : latest,
        null,
      );
      return {
        id: suppression._id,
        identifier: { type: suppression.type, value: suppression.value },
        requestId: suppression.requestId,
        createdAt: suppression.createdAt.toISOString(),
        droppedEvents: own.reduce((sum, count) => sum + count.droppedEvents, 0),
        lastDroppedAt: last?.toISOString() ?? null,
      };
    });
  }
}
