import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { httpPort, partitionList, platformEnv } from './schemas';

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
