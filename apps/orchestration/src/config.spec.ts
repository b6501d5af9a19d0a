import { ConfigError } from '@meridian/config';
import { loadOrchestrationConfig } from './config';

describe('orchestration config', () => {
  it('owns every partition and reads the welcome journeys by default', () => {
    const config = loadOrchestrationConfig({ MERIDIAN_PARTITIONS: '4' });
    expect(config.OWNED_PARTITIONS).toEqual([0, 1, 2, 3]);
    expect(config.HTTP_PORT).toBe(8083);
    expect(config.JOURNEYS_FILE).toBe('apps/orchestration/journeys/welcome.json');
  });

  it('owns only the listed partitions when OWNED_PARTITIONS is set', () => {
    expect(loadOrchestrationConfig({ OWNED_PARTITIONS: '1,3-4' }).OWNED_PARTITIONS).toEqual([
      1, 3, 4,
    ]);
  });

  it('refuses an owned partition that does not exist', () => {
    const load = () =>
      loadOrchestrationConfig({ MERIDIAN_PARTITIONS: '2', OWNED_PARTITIONS: '0-2' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/OWNED_PARTITIONS/);
  });
});
