import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { emailDeliveryCollections } from './email-delivery.collections';
import { EmailDeliveryRepository } from './email-delivery.repository';

describe('EmailDeliveryRepository on a real server', () => {
  let database: TestDatabase;
  let repository: EmailDeliveryRepository;
  const attempt = { profileId: 'prof-ada', recipient: 'ada@example.com', templateId: 'welcome' };

  beforeAll(async () => {
    database = await createTestDatabase({
      label: 'emaildeliveries',
      collections: emailDeliveryCollections,
    });
    repository = new EmailDeliveryRepository(database.db);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('creates the delivery on the first attempt and counts every further one', async () => {
    const first = await repository.recordAttempt('ws_a', 'msg-1', {
      ...attempt,
      at: '2026-11-23T10:00:00.000Z',
    });
    expect(first).toEqual({
      _id: 'msg-1',
      workspaceId: 'ws_a',
      status: 'sending',
      ...attempt,
      providerMessageId: null,
      attempts: 1,
      error: null,
      settledAt: null,
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
    const second = await repository.recordAttempt('ws_a', 'msg-1', {
      ...attempt,
      at: '2026-11-23T10:00:05.000Z',
    });
    expect(second).toMatchObject({ attempts: 2, updatedAt: '2026-11-23T10:00:05.000Z' });
  });

  it('remembers a sent message with the id the server accepted it under', async () => {
    await repository.recordAttempt('ws_a', 'msg-2', { ...attempt, at: '2026-11-23T10:00:00.000Z' });
    await repository.markSent('ws_a', 'msg-2', {
      providerMessageId: '<msg-2@meridian.local>',
      at: '2026-11-23T10:00:01.000Z',
    });
    expect(await repository.find('ws_a', 'msg-2')).toMatchObject({
      status: 'sent',
      providerMessageId: '<msg-2@meridian.local>',
      settledAt: '2026-11-23T10:00:01.000Z',
      attempts: 1,
    });
  });

  it('remembers a permanent failure with its error', async () => {
    await repository.recordAttempt('ws_a', 'msg-3', { ...attempt, at: '2026-11-23T10:00:00.000Z' });
    await repository.markFailed('ws_a', 'msg-3', {
      error: 'SMTP EENVELOPE 550: no such user',
      at: '2026-11-23T10:00:01.000Z',
    });
    expect(await repository.find('ws_a', 'msg-3')).toMatchObject({
      status: 'failed',
      error: 'SMTP EENVELOPE 550: no such user',
    });
  });

  it('does not show one workspace the deliveries of another', async () => {
    await repository.recordAttempt('ws_a', 'msg-4', { ...attempt, at: '2026-11-23T10:00:00.000Z' });
    expect(await repository.find('ws_b', 'msg-4')).toBeNull();
    await expect(
      repository.markSent('ws_b', 'msg-4', {
        providerMessageId: null,
        at: '2026-11-23T10:00:01.000Z',
      }),
    ).rejects.toThrow(/does not exist/);
  });

  it("deletes every delivery of an erased profile, in its workspace only, and nobody else's", async () => {
    const at = '2026-11-23T10:00:00.000Z';
    await repository.recordAttempt('ws_e', 'msg-e1', { ...attempt, profileId: 'prof-e', at });
    await repository.recordAttempt('ws_e', 'msg-e2', { ...attempt, profileId: 'prof-e', at });
    await repository.recordAttempt('ws_e', 'msg-f1', { ...attempt, profileId: 'prof-f', at });
    await repository.recordAttempt('ws_other', 'msg-e3', { ...attempt, profileId: 'prof-e', at });

    expect(await repository.deleteAllOf('ws_e', 'prof-e')).toBe(2);

    expect(await repository.find('ws_e', 'msg-e1')).toBeNull();
    expect(await repository.find('ws_e', 'msg-f1')).toMatchObject({ profileId: 'prof-f' });
    expect(await repository.find('ws_other', 'msg-e3')).toMatchObject({ profileId: 'prof-e' });
    expect(await repository.delete('ws_e', 'msg-f1')).toBe(1);
    expect(await repository.deleteAllOf('ws_e', 'prof-e')).toBe(0);
  });

  it('reads a delivery recorded before profiles were kept as belonging to nobody', async () => {
    await database.db.collection('email_deliveries').insertOne({
      _id: 'msg-old',
      workspaceId: 'ws_a',
      status: 'sent',
      recipient: 'old@example.com',
      templateId: 'welcome',
      providerMessageId: null,
      attempts: 1,
      error: null,
      settledAt: null,
      updatedAt: '2026-11-01T10:00:00.000Z',
    } as never);

    expect(await repository.find('ws_a', 'msg-old')).toMatchObject({ profileId: null });
  });
});
