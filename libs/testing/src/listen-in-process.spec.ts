import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { PingModule } from './fixtures/ping.module';
import { listenInProcess } from './listen-in-process';

/** A transport that only records that the app started it. */
class RecordingTransport implements CustomTransportStrategy {
  listening = false;

  listen(callback: () => void): void {
    this.listening = true;
    callback();
  }

  close(): void {
    this.listening = false;
  }
}

describe('listenInProcess', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
  });

  it('starts the microservices and serves HTTP on 127.0.0.1, giving the base URL', async () => {
    app = await NestFactory.create(PingModule, { logger: false });
    const transport = new RecordingTransport();
    app.connectMicroservice({ strategy: transport });

    const url = await listenInProcess(app);

    expect(transport.listening).toBe(true);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/ping`);
    expect(await response.json()).toEqual({ pong: true });
  });
});
