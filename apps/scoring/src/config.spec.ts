import { ConfigError } from '@meridian/config';
import { loadScoringConfig } from './config';

describe('loadScoringConfig', () => {
  it('owns every partition when OWNED_PARTITIONS is unset', () => {
    const config = loadScoringConfig({ MERIDIAN_PARTITIONS: '4' });
    expect(config.OWNED_PARTITIONS).toEqual([0, 1, 2, 3]);
    expect(config.HTTP_PORT).toBe(8082);
  });

  it('owns the listed partitions', () => {
    expect(
      loadScoringConfig({ MERIDIAN_PARTITIONS: '8', OWNED_PARTITIONS: '2-3,6' }).OWNED_PARTITIONS,
    ).toEqual([2, 3, 6]);
  });

  it('refuses partitions that do not exist', () => {
    expect(() => loadScoringConfig({ MERIDIAN_PARTITIONS: '4', OWNED_PARTITIONS: '3-4' })).toThrow(
      ConfigError,
    );
  });
});
