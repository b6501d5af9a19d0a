import type { INestApplication } from '@nestjs/common';
import { EventsResolvedV1, subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { loadScoringConfig } from './config';
import { createScoringApp } from './create-app';

const PARTITIONS = 2;

function resolved(
  id: string,
  workspaceId: string,
  profileId: string,
  partition: number,
  occurredAt: string,
): EventsResolvedV1 {
  return EventsResolvedV1.parse({
    id,
    type: 'events.resolved',
    version: 1,
    workspaceId,
    occurredAt,
    receivedAt: occurredAt,
    correlationId: `call-${id}`,
    causationId: `call-${id}`,
    payload: {
      profileId,
      partition,
      call: {
        type: 'track',
        messageId: `m-${id}`,
        userId: profileId,
        event: 'Viewed',
        timestamp: occurredAt,
        receivedAt: occurredAt,
      },
      profile: { traits: {}, identifiers: [{ type: 'userId', value: profileId }], revision: 1 },
    },
  });
}

describe('scoring in-process on real NATS and FerretDB', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'scoring', partitions: PARTITIONS });
    const config = loadScoringConfig(namespace.env({ LOG_LEVEL: 'silent' }));
    app = await createScoringApp(config);
    baseUrl = await listenInProcess(app);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  const features = async (profileId: string, workspace?: string) => {
    const response = await fetch(`${baseUrl}/v1/features/${profileId}`, {
      headers: workspace === undefined ? {} : { 'x-meridian-workspace': workspace },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('counts the resolved events of a profile from the stream and serves them per workspace', async () => {
    const publisher = app.get(JetStreamPublisher);
    const events = [
      resolved('e-1', 'local', 'p-1', 1, '2026-01-01T10:00:00.000Z'),
      resolved('e-2', 'local', 'p-1', 1, '2026-01-03T10:00:00.000Z'),
      resolved('e-3', 'local', 'p-1', 1, '2026-01-02T10:00:00.000Z'),
      resolved('e-4', 'ws_other', 'p-1', 1, '2026-01-01T10:00:00.000Z'),
    ];
    for (const event of events)
      await publisher.publish(subjects.eventsResolved(event.payload.partition), event);

    const local = await waitFor(
      async () => {
        const answer = await features('p-1');
        return answer.body['eventCount'] === 3 && answer;
      },
      { description: 'three events of p-1 to be counted' },
    );
    expect(local).toEqual({
      status: 200,
      body: {
        workspaceId: 'local',
        profileId: 'p-1',
        eventCount: 3,
        lastEventAt: '2026-01-03T10:00:00.000Z',
        revision: 3,
      },
    });
    const other = await waitFor(
      async () => {
        const answer = await features('p-1', 'ws_other');
        return answer.status === 200 && answer;
      },
      { description: 'the event of p-1 in ws_other to be counted' },
    );
    expect(other.body['eventCount']).toBe(1);
  });

  it('answers 404 for a profile without events', async () => {
    expect((await features('nobody')).status).toBe(404);
  });
});
