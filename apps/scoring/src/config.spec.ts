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

  it('runs RFM on the wall clock with an hourly sweep by default', () => {
    expect(loadScoringConfig({})).toMatchObject({
      RFM_DEFAULT_CLOCK: 'wall',
      RFM_POPULATION_CACHE_MS: 2_000,
      RFM_SWEEP_INTERVAL_MS: 3_600_000,
      RFM_SWEEP_PAGE_SIZE: 200,
      SCORING_SETTINGS_CACHE_MS: 1_000,
    });
  });

  it('takes a replay clock, no sweep timer, and refuses a clock it does not know', () => {
    expect(
      loadScoringConfig({ RFM_DEFAULT_CLOCK: 'replay', RFM_SWEEP_INTERVAL_MS: '0' }),
    ).toMatchObject({ RFM_DEFAULT_CLOCK: 'replay', RFM_SWEEP_INTERVAL_MS: 0 });
    expect(() => loadScoringConfig({ RFM_DEFAULT_CLOCK: 'sundial' })).toThrow(ConfigError);
    expect(() => loadScoringConfig({ RFM_SWEEP_PAGE_SIZE: '0' })).toThrow(ConfigError);
  });
});
