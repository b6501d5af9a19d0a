import { loadConfig } from '@meridian/config';
import { cliEnv, layoutFor, serviceEnv, stackEnv } from './config';

describe('stack environment', () => {
  const layout = layoutFor('/repo');
  const inherited = { PATH: '/usr/bin', HTTP_PORT: '1', NATS_URL: 'nats://elsewhere:4222' };

  it('points each service at the dev infrastructure, its own port and the span file', () => {
    const env = serviceEnv('ingestion', 8080, loadConfig(stackEnv, {}), layout, inherited);
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HTTP_PORT: '8080',
      NATS_URL: 'nats://127.0.0.1:14222',
      MONGO_URL: 'mongodb://127.0.0.1:27117',
      MONGO_DB: 'meridian',
      MERIDIAN_NAMESPACE: 'meridian',
      JOURNEYS_FILE: '/repo/apps/orchestration/journeys/welcome.json',
      MERIDIAN_SPAN_FILE: '/repo/.data/dev/spans.jsonl',
    });
    expect(env).not.toHaveProperty('SMTP_URL');
    expect(env).not.toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT');
  });

  it('sends sender-email to the capture server unless SMTP_URL names another', () => {
    const local = serviceEnv('sender-email', 8090, loadConfig(stackEnv, {}), layout, {});
    expect(local['SMTP_URL']).toBe('smtp://127.0.0.1:1025');
    const moved = loadConfig(stackEnv, { SMTP_CAPTURE_PORT: '2025' });
    expect(serviceEnv('sender-email', 8090, moved, layout, {})['SMTP_URL']).toBe(
      'smtp://127.0.0.1:2025',
    );
    const external = loadConfig(stackEnv, { SMTP_URL: 'smtp://mail.test:25' });
    expect(serviceEnv('sender-email', 8090, external, layout, {})['SMTP_URL']).toBe(
      'smtp://mail.test:25',
    );
  });

  it('passes an OTLP endpoint through and keeps an absolute journeys file', () => {
    const config = loadConfig(stackEnv, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
      JOURNEYS_FILE: '/etc/journeys.json',
    });
    expect(serviceEnv('scoring', 8082, config, layout, {})).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
      JOURNEYS_FILE: '/etc/journeys.json',
    });
  });

  it('gives the CLI the write key, workspace, admin key and partition count', () => {
    const config = loadConfig(stackEnv, { MERIDIAN_PARTITIONS: '4' });
    expect(cliEnv(config, layout, {})).toMatchObject({
      MERIDIAN_WRITE_KEY: 'local-dev-key',
      MERIDIAN_WORKSPACE_ID: 'local',
      MERIDIAN_ADMIN_KEY: 'local-admin-key',
      MERIDIAN_PARTITIONS: '4',
      NATS_URL: 'nats://127.0.0.1:14222',
      MERIDIAN_NAMESPACE: 'meridian',
    });
  });

  it('gives identity the PII keys, local ones unless set, and no other service', () => {
    const local = loadConfig(stackEnv, {});
    const identity = serviceEnv('identity', 8081, local, layout, {});

    expect(identity['PII_ENCRYPTION_KEYS']).toMatch(/^local:[A-Za-z0-9+/]{43}=$/);
    expect(identity['PII_BLIND_INDEX_KEY']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(serviceEnv('scoring', 8082, local, layout, {})).not.toHaveProperty(
      'PII_ENCRYPTION_KEYS',
    );
    const own = loadConfig(stackEnv, { PII_ENCRYPTION_KEYS: 'mine:abc', PII_BLIND_INDEX_KEY: 'x' });
    expect(serviceEnv('identity', 8081, own, layout, {})).toMatchObject({
      PII_ENCRYPTION_KEYS: 'mine:abc',
      PII_BLIND_INDEX_KEY: 'x',
    });
  });
});
