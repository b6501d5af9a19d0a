import { ConfigError } from '@meridian/config';
import { loadIdentityConfig } from './config';

describe('loadIdentityConfig', () => {
  it('owns every partition, listens on 8081 and reads workspace "local" by default', () => {
    const config = loadIdentityConfig({ MERIDIAN_PARTITIONS: '4' });

    expect(config.OWNED_PARTITIONS).toEqual([0, 1, 2, 3]);
    expect(config.HTTP_PORT).toBe(8081);
    expect(config.DEFAULT_WORKSPACE_ID).toBe('local');
  });

  it('owns only the listed partitions when OWNED_PARTITIONS is set', () => {
    expect(loadIdentityConfig({ OWNED_PARTITIONS: '1,3-4' }).OWNED_PARTITIONS).toEqual([1, 3, 4]);
  });

  it('refuses owned partitions beyond MERIDIAN_PARTITIONS', () => {
    const attempt = () => loadIdentityConfig({ MERIDIAN_PARTITIONS: '2', OWNED_PARTITIONS: '0-3' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/OWNED_PARTITIONS: partitions 2,3 do not exist/);
  });
});
