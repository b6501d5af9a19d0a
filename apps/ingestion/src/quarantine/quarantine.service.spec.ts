import type { CallQuarantinedV1 } from '@meridian/contracts';
import { AdminApiError, type AdminActor, type AuditLog } from '@meridian/admin-api';
import { DuplicateKeyError } from '@meridian/persistence';
import { IngestRejection, type IngestService, type OwnerCallOutcome } from '../ingest';
import type { QuarantineResolution } from './quarantine-resolution.collection';
import type { QuarantineResolutionRepository } from './quarantine-resolution.repository';
import type { QuarantineStream } from './quarantine-stream';
import { QuarantineService } from './quarantine.service';

const actor: AdminActor = { keyId: 'ak_1', role: 'admin', workspaceId: 'ws' };
const event: CallQuarantinedV1 = {
  id: 'quarantine_1',
  type: 'call.quarantined',
  version: 1,
  workspaceId: 'ws',
  occurredAt: '2026-03-01T12:00:00.000Z',
  receivedAt: '2026-03-01T12:00:00.000Z',
  correlationId: 'quarantine_1',
  causationId: null,
  payload: {
    sourceId: 'web',
    kind: 'blocked',
    code: 'TRACKING_PLAN_BLOCKED',
    violations: [],
    call: { userId: 'u', event: 'Viewed', messageId: 'm-1' },
    callType: 'track',
  },
};

/** A service over one entry (sequence 7 of workspace ws) and doubles that can be steered. */
function serviceWith(options: {
  outcome?: () => Promise<OwnerCallOutcome>;
  insert?: () => Promise<void>;
  existing?: QuarantineResolution[];
}) {
  const stored: QuarantineResolution[] = [...(options.existing ?? [])];
  const audited: unknown[] = [];
  const stream = {
    entry: async (workspaceId: string, sequence: number) =>
      workspaceId === 'ws' && sequence === 7 ? { sequence, event } : null,
  };
  const resolutions = {
    findByEventIds: async (_workspaceId: string, eventIds: readonly string[]) =>
      new Map(stored.filter((r) => eventIds.includes(r.eventId)).map((r) => [r.eventId, r])),
    insert: async (resolution: Omit<QuarantineResolution, '_id'>) => {
      await options.insert?.();
      const document = { _id: `ws|${resolution.eventId}`, ...resolution };
      stored.push(document);
      return document;
    },
  };
  const ingest = {
    ingestForOwner:
      options.outcome ??
      (async (): Promise<OwnerCallOutcome> => ({
        accepted: true,
        eventId: 'call_1',
        messageId: 'm-1',
      })),
  };
  const audit = { record: async (entry: unknown) => void audited.push(entry) };
  const service = new QuarantineService(
    stream as unknown as QuarantineStream,
    resolutions as unknown as QuarantineResolutionRepository,
    ingest as unknown as IngestService,
    audit as unknown as AuditLog,
  );
  return { service, stored, audited };
}

async function adminErrorOf(attempt: Promise<unknown>): Promise<AdminApiError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof AdminApiError) return error;
    throw error;
  }
  throw new Error('expected an AdminApiError');
}

describe('QuarantineService', () => {
  it('answers 409 when a concurrent replay recorded its resolution first', async () => {
    const winner: QuarantineResolution = {
      _id: 'ws|quarantine_1',
      workspaceId: 'ws',
      eventId: 'quarantine_1',
      entryId: '7',
      status: 'replayed',
      at: new Date('2026-03-02T00:00:00.000Z'),
      actorKeyId: 'ak_2',
      actorRole: 'admin',
    };
    const { service, stored, audited } = serviceWith({
      insert: async () => {
        stored.push(winner);
        throw new DuplicateKeyError('quarantine_resolutions');
      },
    });

    const error = await adminErrorOf(service.replay('ws', '7', undefined, actor));

    expect([error.status, error.code]).toEqual([409, 'conflict']);
    expect(error.message).toContain('already replayed');
    expect(audited).toEqual([]);
  });

  it('answers 503 and keeps the entry open when the stream does not take the call', async () => {
    const { service, stored } = serviceWith({
      outcome: async () => {
        throw new IngestRejection('STREAM_UNAVAILABLE', 'the event stream is unavailable');
      },
    });

    const error = await adminErrorOf(service.replay('ws', '7', undefined, actor));

    expect([error.status, error.code]).toEqual([503, 'unavailable']);
    expect(stored).toEqual([]);
  });

  it('answers 422 with the violations of a call refused again, and records nothing', async () => {
    const { service, stored, audited } = serviceWith({
      outcome: async () => ({
        accepted: false,
        rejection: {
          kind: 'blocked',
          code: 'TRACKING_PLAN_BLOCKED',
          violations: [
            { rule: 'schema', path: ['properties', 'total'], message: 'must be number' },
          ],
          call: {},
        },
      }),
    });

    const error = await adminErrorOf(service.replay('ws', '7', undefined, actor));

    expect(error.body()).toEqual({
      error: {
        code: 'replay_refused',
        message: 'the call was refused again (TRACKING_PLAN_BLOCKED); the entry stays open',
        issues: [{ path: ['properties', 'total'], code: 'schema', message: 'must be number' }],
      },
    });
    expect([stored, audited]).toEqual([[], []]);
  });

  it('records who replayed the entry, with the published messageId, and audits it', async () => {
    const { service, audited } = serviceWith({});

    const view = await service.replay('ws', '7', { userId: 'u', event: 'Fixed' }, actor);

    expect(view).toMatchObject({
      entryId: '7',
      status: 'replayed',
      resolution: { messageId: 'm-1', fixed: true, actor: { keyId: 'ak_1', role: 'admin' } },
    });
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'quarantine.replay',
        workspaceId: 'ws',
        target: { type: 'quarantine-entry', id: '7' },
      }),
    ]);
  });

  it("answers 404 for an entry that is not the workspace's", async () => {
    const { service } = serviceWith({});

    const error = await adminErrorOf(service.get('ws_other', '7'));

    expect([error.status, error.code]).toEqual([404, 'not_found']);
  });
});
