import { Module, type DynamicModule } from '@nestjs/common';
import { platformEnv } from '@meridian/config';
import { JetStreamModule, NatsHealthIndicator } from '@meridian/messaging';
import { MongoHealthIndicator } from '@meridian/persistence';
import { createServiceApp } from './create-service-app';
import { PlatformModule, readinessIndicators, type PlatformOptions } from './platform.module';

class SmtpHealthIndicator {}

@Module({})
class ProvidersOnly {}

const base: PlatformOptions = { serviceName: 'spec', config: platformEnv.parse({}) };

function importedModules(module: DynamicModule): unknown[] {
  return (module.imports ?? []).map((imported) =>
    typeof imported === 'object' && 'module' in imported ? imported.module : imported,
  );
}

describe('PlatformModule.forService', () => {
  it('checks NATS, then MongoDB, then the service’s own indicators for readiness', () => {
    expect(readinessIndicators({ ...base, healthIndicators: [SmtpHealthIndicator] })).toEqual([
      NatsHealthIndicator,
      MongoHealthIndicator,
      SmtpHealthIndicator,
    ]);
  });

  it('leaves NATS out of readiness and imports no JetStream transport without messaging', () => {
    const options = { ...base, messaging: false };

    expect(readinessIndicators(options)).toEqual([MongoHealthIndicator]);
    expect(importedModules(PlatformModule.forService(options))).not.toContain(JetStreamModule);
  });

  it('imports the JetStream transport by default', () => {
    expect(importedModules(PlatformModule.forService(base))).toContain(JetStreamModule);
  });

  it('refuses owned partitions that do not exist, before anything connects', () => {
    const config = platformEnv.parse({ MERIDIAN_PARTITIONS: '2' });

    expect(() => PlatformModule.forService({ ...base, config, ownedPartitions: [0, 2] })).toThrow(
      /ownedPartitions/,
    );
  });

  it('runs onShutdown when the application closes', async () => {
    const onShutdown = jest.fn(async () => undefined);
    // Only the module's own providers: the infrastructure it imports would connect.
    const { providers } = PlatformModule.forService({ ...base, onShutdown });
    const app = await createServiceApp(
      { module: ProvidersOnly, providers },
      { serviceName: 'spec', logLevel: 'silent', consumers: false },
    );

    await app.close();

    expect(onShutdown).toHaveBeenCalledTimes(1);
  });
});
