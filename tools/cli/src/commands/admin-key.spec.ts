import { UsageError } from '../command';
import { adminKeyRequestOf } from './admin-key';

describe('admin-key arguments', () => {
  it('reads a create request, installation-wide without --workspace', () => {
    expect(adminKeyRequestOf(['create', '--role', 'owner'])).toEqual({
      action: 'create',
      role: 'owner',
      workspaceId: null,
      name: 'owner key (CLI)',
    });
    expect(
      adminKeyRequestOf(['create', '--role', 'read-only', '--workspace', 'acme', '--name', 'BI']),
    ).toEqual({ action: 'create', role: 'read-only', workspaceId: 'acme', name: 'BI' });
  });

  it('reads a revoke request', () => {
    expect(adminKeyRequestOf(['revoke', 'ak_0123'])).toEqual({
      action: 'revoke',
      keyId: 'ak_0123',
    });
  });

  it('refuses an unknown role, a missing action and a revoke without exactly one keyId', () => {
    for (const args of [
      ['create', '--role', 'root'],
      ['create'],
      [],
      ['rotate'],
      ['revoke'],
      ['revoke', 'a', 'b'],
    ]) {
      expect(() => adminKeyRequestOf(args)).toThrow(UsageError);
    }
  });
});
