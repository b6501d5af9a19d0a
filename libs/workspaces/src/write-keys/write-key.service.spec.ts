import { hashWriteKey } from './write-key-hash';
import type { WriteKeyRepository } from './write-key.repository';
import { WRITE_KEY_CACHE_TTL_MS, WriteKeyService } from './write-key.service';
import type { WriteKeyDocument } from './write-keys.collection';

function fakeRepository(documents: WriteKeyDocument[]) {
  const findByHash = jest.fn(
    async (keyHash: string) => documents.find((document) => document._id === keyHash) ?? null,
  );
  return { repository: { findByHash } as unknown as WriteKeyRepository, findByHash };
}

const active: WriteKeyDocument = {
  _id: hashWriteKey('key-1'),
  workspaceId: 'ws',
  sourceId: 'src',
  createdAt: new Date(0),
  revokedAt: null,
};

describe('WriteKeyService.authenticate', () => {
  let now = 0;
  const clock = () => now;

  it('looks a key up by its hash and caches the answer for at most the cache TTL', async () => {
    const { repository, findByHash } = fakeRepository([active]);
    const service = new WriteKeyService(repository, clock);

    expect(await service.authenticate('key-1')).toEqual({ workspaceId: 'ws', sourceId: 'src' });
    now += WRITE_KEY_CACHE_TTL_MS - 1;
    await service.authenticate('key-1');
    expect(findByHash).toHaveBeenCalledTimes(1);
    expect(findByHash).toHaveBeenCalledWith(hashWriteKey('key-1'));

    now += 1;
    await service.authenticate('key-1');
    expect(findByHash).toHaveBeenCalledTimes(2);
  });

  it('treats a revoked key as unknown', async () => {
    const { repository } = fakeRepository([{ ...active, revokedAt: new Date(1) }]);
    expect(await new WriteKeyService(repository, clock).authenticate('key-1')).toBeNull();
  });

  it('answers an empty key without a lookup', async () => {
    const { repository, findByHash } = fakeRepository([active]);
    expect(await new WriteKeyService(repository, clock).authenticate('')).toBeNull();
    expect(findByHash).not.toHaveBeenCalled();
  });
});
