import { provisionNamespace } from '@meridian/messaging';
import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import { WriteKeyService } from '@meridian/workspaces';
import { callEventId } from './call-accepted-event';
import { CallDedupe } from './call-dedupe';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const WRITE_KEY = 'multi-spec-key';
const auth = { authorization: basicAuthHeader(WRITE_KEY) };

describe('two ingestion instances on one namespace', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('multi');
  let bed: IngestionTestBed;
  let first: IngestionInstance;
  let second: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 2 });
    first = await bed.startInstance();
    second = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_multi', sourceId: 'src_multi', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  const duplicatesCounted = async (instance: IngestionInstance) => {
    const metrics = await (await fetch(`${instance.url}/metrics`)).text();
    return Number(/meridian_ingest_duplicates_total\{[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
  };

  it('stores a call sent to each instance with the same messageId once, and counts the second as a duplicate', async () => {
    const call = { messageId: 'multi-1', userId: 'u-1', event: 'Clicked' };
    const before = await duplicatesCounted(second);

    const one = await postJson(`${first.url}/v1/track`, call, auth);
    const other = await postJson(`${second.url}/v1/track`, call, auth);

    expect([one.status, other.status]).toEqual([200, 200]);
    expect(await other.json()).toEqual({ success: true });
    expect(await bed.storedWithMessageId('multi-1')).toHaveLength(1);
    expect(await duplicatesCounted(second)).toBe(before + 1);
  });

  it('publishes only the new calls of a batch resent to the other instance', async () => {
    const call = (messageId: string) => ({ type: 'identify', userId: 'u-2', messageId });
    await postJson(`${first.url}/v1/batch`, { batch: [call('multi-b0'), call('multi-b1')] }, auth);
    // The first instance answers once the stream has the calls and records them for dedupe
    // without waiting for that write (CallDelivery): a resend racing the record is stored
    // twice and applied once. This is about the resend that comes after it.
    const firstIds = ['multi-b0', 'multi-b1'].map((id) => callEventId('ws_multi', id));
    await waitFor(
      async () => (await first.app.get(CallDedupe).seen(firstIds)).size === firstIds.length,
      { description: 'the first instance to record the calls for dedupe' },
    );

    const resent = await postJson(
      `${second.url}/v1/batch`,
      { batch: [call('multi-b0'), call('multi-b1'), call('multi-b2')] },
      auth,
    );

    expect(await resent.json()).toEqual({ success: true });
    for (const messageId of ['multi-b0', 'multi-b1', 'multi-b2']) {
      expect({ messageId, stored: (await bed.storedWithMessageId(messageId)).length }).toEqual({
        messageId,
        stored: 1,
      });
    }
  });

  it('still drops a resent call once the stream has forgotten its id, because the bucket remembers it', async () => {
    const call = { messageId: 'multi-forgotten', userId: 'u-3', event: 'Paid' };
    await postJson(`${first.url}/v1/track`, call, auth);
    // A new INGEST stream has an empty duplicate window, as the old one would after 2 hours.
    await bed.admin.jsm.streams.delete(`${namespace.toUpperCase()}_INGEST`);
    await provisionNamespace({ jsm: bed.admin.jsm, namespace, partitions: 2 });

    const resent = await postJson(`${second.url}/v1/track`, call, auth);

    expect(resent.status).toBe(200);
    expect(await bed.storedWithMessageId('multi-forgotten')).toHaveLength(0);
  });

  it('refuses a key revoked through one instance on the other within about a second', async () => {
    const revokedKey = 'multi-revoked-key';
    await bed.seed({ workspaceId: 'ws_multi', sourceId: 'src_other', writeKey: revokedKey });
    const send = (instance: IngestionInstance) =>
      postJson(
        `${instance.url}/v1/identify`,
        { userId: 'u-4' },
        { authorization: basicAuthHeader(revokedKey) },
      );
    expect((await send(second)).status).toBe(200);

    await first.app.get(WriteKeyService).revoke(revokedKey);

    expect((await send(first)).status).toBe(401);
    const refused = await waitFor(
      async () => {
        const response = await send(second);
        return response.status === 401 ? response : undefined;
      },
      { description: 'the other instance to refuse the revoked key', timeoutMs: 2_500 },
    );
    expect(await refused.json()).toMatchObject({ code: 'INVALID_WRITE_KEY' });
  });
});
