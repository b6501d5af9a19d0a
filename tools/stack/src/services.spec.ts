import { portEnvOf, SERVICES, servicePorts, serviceUrl } from './services';

describe('services', () => {
  it('lists every service with its default port, override variable and entry point', () => {
    expect(SERVICES.map((s) => [s.name, s.defaultPort, s.portEnv, s.main])).toEqual([
      ['ingestion', 8080, 'INGESTION_PORT', 'apps/ingestion/src/main.ts'],
      ['identity', 8081, 'IDENTITY_PORT', 'apps/identity/src/main.ts'],
      ['scoring', 8082, 'SCORING_PORT', 'apps/scoring/src/main.ts'],
      ['orchestration', 8083, 'ORCHESTRATION_PORT', 'apps/orchestration/src/main.ts'],
      ['sender-email', 8090, 'SENDER_EMAIL_PORT', 'apps/sender-email/src/main.ts'],
    ]);
  });

  it('moves one service with its variable and leaves the others on their defaults', () => {
    const ports = servicePorts({ SENDER_EMAIL_PORT: '9090' });
    expect(ports['sender-email']).toBe(9090);
    expect(ports.ingestion).toBe(8080);
    expect(serviceUrl('sender-email', { [portEnvOf('sender-email')]: '9090' })).toBe(
      'http://127.0.0.1:9090',
    );
  });

  it('names the variable when an override is not a port', () => {
    expect(() => servicePorts({ INGESTION_PORT: '80a' })).toThrow(/INGESTION_PORT/);
    expect(() => servicePorts({ SCORING_PORT: '70000' })).toThrow(/SCORING_PORT/);
  });
});
