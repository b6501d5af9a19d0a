import { hashWriteKey } from '../write-keys/write-key-hash';
import type { AdminKeyRepository } from './admin-key.repository';
import { ADMIN_KEY_CACHE_TTL_MS, AdminKeyService } from './admin-key.service';
import type { AdminKeyDocument } from './admin-keys.collection';

function fakeRepository(documents: AdminKeyDocument[]) {
  const findByHash = jest.fn(
    async (keyHash: string) => documents.find((document) => document._id === keyHash) ?? null,
  );
  return { repository: { findByHash } as unknown as AdminKeyRepository, findByHash };
}

const active: AdminKeyDocument = {
  _id: hashWriteKey('admin-1'),
  keyId: 'ak_1',
  name: 'ops',
  role: 'admin',
  createdAt: new Date(0),
};

describe('AdminKeyService.authenticate', () => {
  let now = 0;
  const clock = () => now;

  it('answers who a key is, reading a missing workspaceId as installation-wide, cached for at most the TTL', async () => {
    const { repository, findByHash } = fakeRepository([active]);
    const service = new AdminKeyService(repository, clock);

    expect(await service.authenticate('admin-1')).toEqual({
      keyId: 'ak_1',
      role: 'admin',
      workspaceId: null,
    });
    now += ADMIN_KEY_CACHE_TTL_MS - 1;
    await service.authenticate('admin-1');
    expect(findByHash).toHaveBeenCalledTimes(1);

    now += 1;
    await service.authenticate('admin-1');
    expect(findByHash).toHaveBeenCalledTimes(2);
  });

  it('treats a revoked key as unknown, and answers an empty key without a lookup', async () => {
    const { repository, findByHash } = fakeRepository([{ ...active, revokedAt: new Date(1) }]);
    const service = new AdminKeyService(repository, clock);
    expect(await service.authenticate('admin-1')).toBeNull();
    expect(await service.authenticate('')).toBeNull();
    expect(findByHash).toHaveBeenCalledTimes(1);
  });
});
