import type { AddressInfo } from 'node:net';
import {
  Body,
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  Param,
  Post,
  type INestApplication,
  type OnModuleInit,
} from '@nestjs/common';
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

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): { readonly received: unknown } {
    return { received: body ?? 'no body' };
  }

  @Get(':id')
  read(@Param('id') id: string): { readonly length: number } {
    return { length: id.length };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const server: { address(): AddressInfo | string | null } = app.getHttpServer();
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

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

  describe('on Fastify', () => {
    let app: INestApplication;
    let baseUrl: string;

    beforeAll(async () => {
      app = await createServiceApp(EchoModule, {
        serviceName: 'echo',
        logLevel: 'error',
        logDestination: { write: () => undefined },
        consumers: false,
        httpPlatform: 'fastify',
      });
      baseUrl = await listening(app);
    });

    afterAll(async () => {
      await app.close();
    });

    const post = (body: string) =>
      fetch(`${baseUrl}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });

    it('parses a JSON body', async () => {
      const response = await post('{"plan":"pro"}');

      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ received: { plan: 'pro' } });
    });

    it('reads an empty body sent as JSON as no body, so the route decides', async () => {
      const response = await post('');

      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ received: 'no body' });
    });

    it('refuses malformed JSON with 400', async () => {
      expect((await post('{"plan":')).status).toBe(400);
    });

    it('routes a path parameter longer than Fastify’s default 100 characters', async () => {
      const response = await fetch(`${baseUrl}/echo/${'x'.repeat(300)}`);

      expect(await response.json()).toEqual({ length: 300 });
    });
  });
});
