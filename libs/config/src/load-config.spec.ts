import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import {
  httpPort,
  ownedPartitionsEnv,
  partitionList,
  platformEnv,
  resolveOwnedPartitions,
} from './schemas';

const serviceEnv = platformEnv.extend(httpPort(8080).shape).extend({ OWNED: partitionList });

describe('loadConfig', () => {
  it('applies defaults and coerces numbers from strings', () => {
    const config = loadConfig(serviceEnv, { HTTP_PORT: '9000', OWNED: '0-2' });
    expect(config.HTTP_PORT).toBe(9000);
    expect(config.MERIDIAN_PARTITIONS).toBe(8);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('names every invalid variable in one error', () => {
    const attempt = () =>
      loadConfig(serviceEnv, { HTTP_PORT: 'eighty', MERIDIAN_NAMESPACE: 'Bad Name', OWNED: '0-1' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/HTTP_PORT/);
    expect(attempt).toThrow(/MERIDIAN_NAMESPACE/);
  });

  it('reads process.env when no environment is given', () => {
    expect(loadConfig(z.object({ PATH: z.string() })).PATH).toBe(process.env['PATH']);
  });
});

describe('partitionList', () => {
  it('expands ranges and lists into sorted unique partitions', () => {
    expect(partitionList.parse('5-6,0,3,5')).toEqual([0, 3, 5, 6]);
  });

  it('refuses malformed specifications', () => {
    expect(partitionList.safeParse('0-').success).toBe(false);
  });
});

describe('resolveOwnedPartitions', () => {
  const partitioned = platformEnv.extend(ownedPartitionsEnv).transform(resolveOwnedPartitions);

  it('owns every partition when OWNED_PARTITIONS is unset', () => {
    expect(loadConfig(partitioned, { MERIDIAN_PARTITIONS: '3' }).OWNED_PARTITIONS).toEqual([
      0, 1, 2,
    ]);
  });

  it('owns only the listed partitions when they exist', () => {
    expect(
      loadConfig(partitioned, { MERIDIAN_PARTITIONS: '8', OWNED_PARTITIONS: '2-3' })
        .OWNED_PARTITIONS,
    ).toEqual([2, 3]);
  });

  it('names the partitions that do not exist', () => {
    expect(() =>
      loadConfig(partitioned, { MERIDIAN_PARTITIONS: '2', OWNED_PARTITIONS: '1-3' }),
    ).toThrow(/OWNED_PARTITIONS: partitions 2,3 do not exist \(MERIDIAN_PARTITIONS=2\)/);
  });
});
