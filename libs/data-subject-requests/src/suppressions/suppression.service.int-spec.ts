import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { dataSubjectRequestCollections } from '../data-subject-requests.module';
import { DroppedEventCounter } from './dropped-event-counter';
import { SuppressionIndex } from './suppression-index';
import { SuppressionDropCountRepository, SuppressionRepository } from './suppression.repository';
import { SuppressionService } from './suppression.service';
import { suppressionId } from './suppressions.collection';

const WORKSPACE = 'ws-suppress';
const userId = (value: string) => ({ type: 'userId', value });

describe('SuppressionService on FerretDB', () => {
  let database: TestDatabase;
  let suppressions: SuppressionRepository;
  let dropCounts: SuppressionDropCountRepository;
  let index: SuppressionIndex;
  let service: SuppressionService;

  beforeAll(async () => {
    database = await createTestDatabase({
      label: 'dsrsuppress',
      collections: dataSubjectRequestCollections,
    });
    suppressions = new SuppressionRepository(database.db);
    dropCounts = new SuppressionDropCountRepository(database.db);
    index = new SuppressionIndex(suppressions);
    service = new SuppressionService(suppressions, dropCounts, index);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  const listed = (identifier: { type: string; value: string }) =>
    service
      .list(WORKSPACE, { limit: 100 })
      .then((all) =>
        all.find(
          (view) =>
            view.identifier.type === identifier.type && view.identifier.value === identifier.value,
        ),
      );

  it('keeps the first request of an identifier suppressed twice, also when both race', async () => {
    const now = new Date();
    const created = await Promise.all([
      service.suppress(WORKSPACE, [userId('u-race')], 'dsr-1', now),
      service.suppress(WORKSPACE, [userId('u-race')], 'dsr-2', now),
    ]);

    expect(created.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(await service.suppress(WORKSPACE, [userId('u-race')], 'dsr-3', now)).toBe(0);
    expect((await index.setFor(WORKSPACE)).size).toBe(1);
  });

  it('sums the drop counts of every instance and forgets them when the suppression is lifted', async () => {
    await service.suppress(WORKSPACE, [userId('u-counted')], 'dsr-counted', new Date());
    const counted = userId('u-counted');
    const suppression = {
      id: suppressionId(WORKSPACE, counted),
      requestId: 'dsr-counted',
      identifier: counted,
    };
    const first = new DroppedEventCounter(dropCounts, 'instance-a');
    const second = new DroppedEventCounter(dropCounts, 'instance-b');
    first.count(WORKSPACE, suppression, 3);
    second.count(WORKSPACE, suppression, 4);
    await Promise.all([first.flush(), second.flush()]);
    first.count(WORKSPACE, suppression, 1);
    await first.flush();

    expect(await listed(userId('u-counted'))).toMatchObject({
      requestId: 'dsr-counted',
      droppedEvents: 8,
      lastDroppedAt: expect.any(String),
    });

    expect(await service.unsuppress(WORKSPACE, [userId('u-counted')])).toBe(1);
    await service.suppress(WORKSPACE, [userId('u-counted')], 'dsr-again', new Date());
    expect(await listed(userId('u-counted'))).toMatchObject({
      requestId: 'dsr-again',
      droppedEvents: 0,
      lastDroppedAt: null,
    });
  });

  it('lifts only the identifiers named, and reports how many were suppressed', async () => {
    await service.suppress(WORKSPACE, [userId('u-keep'), userId('u-lift')], 'dsr-x', new Date());

    expect(await service.unsuppress(WORKSPACE, [userId('u-lift'), userId('u-never')])).toBe(1);

    expect(await listed(userId('u-keep'))).toBeDefined();
    expect(await listed(userId('u-lift'))).toBeUndefined();
  });
});
