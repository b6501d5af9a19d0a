import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { createServiceApp } from './create-service-app';

@Injectable()
class Greeter implements OnModuleInit {
  initialised = false;

  onModuleInit(): void {
    this.initialised = true;
    new Logger('Greeter').log('hello');
  }
}

@Module({ providers: [Greeter] })
class GreeterModule {}

describe('createServiceApp', () => {
  it('returns an initialised app that logs JSON lines naming the service', async () => {
    const lines: string[] = [];
    const app = await createServiceApp(GreeterModule, {
      serviceName: 'greeter',
      logLevel: 'info',
      logDestination: { write: (line: string) => lines.push(line) },
      consumers: false,
    });

    try {
      expect(app.get(Greeter).initialised).toBe(true);
      const greeting = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line['msg'] === 'hello');
      expect(greeting).toMatchObject({ service: 'greeter', context: 'Greeter', level: 'info' });
    } finally {
      await app.close();
    }
  });
});
