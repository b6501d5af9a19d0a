import { defineEvent, Namespace } from '@meridian/contracts';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { INestApplication, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { JetStreamModule } from '../module';
import type { JetStreamModuleOptions } from '../options';
import { JetStreamServer } from '../server';

/** Shared by the integration specs and the crash fixture: test events, app boot, polling. */

export const TestEventV1 = defineEvent('test.happened', 1, z.object({ n: z.number().int() }));
export type TestEventV1 = z.infer<typeof TestEventV1>;

export function testEvent(n: number, id = `evt-${n}-${randomUUID()}`): TestEventV1 {
  const now = new Date().toISOString();
  return {
    id,
    type: 'test.happened',
    version: 1,
    workspaceId: 'ws-test',
    occurredAt: now,
    receivedAt: now,
    correlationId: id,
    causationId: null,
    payload: { n },
  };
}

export interface TestAppOptions {
  readonly jetstream: JetStreamModuleOptions;
  readonly controllers: readonly Type<unknown>[];
  readonly providers?: readonly Provider[];
}

/**
 * Boots a Nest application the way a service's main.ts does: JetStreamModule, handler
 * controllers, and the JetStream server connected as a microservice. Rejects when the
 * transport refuses to start.
 */
export async function startTestApp(options: TestAppOptions): Promise<INestApplication> {
  class TestAppModule {}
  const app = await NestFactory.create(
    {
      module: TestAppModule,
      imports: [JetStreamModule.forRoot(options.jetstream)],
      controllers: [...options.controllers],
      providers: [...(options.providers ?? [])],
    },
    { logger: false, abortOnError: false },
  );
  app.connectMicroservice({ strategy: app.get(JetStreamServer) }, { inheritAppConfig: true });
  try {
    await app.init();
    await app.startAllMicroservices();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/** Polls until `probe` returns a value other than undefined, or fails after the timeout. */
export async function waitFor<T>(
  description: string | (() => string),
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof description === 'string' ? description : description()}`,
      );
    }
    await sleep(25);
  }
}

/** Every message currently in the namespace's DLQ stream, oldest first. */
export async function readDeadLetters(
  jsm: JetStreamManager,
  namespace: string,
): Promise<StoredMsg[]> {
  const stream = new Namespace(namespace).stream('DLQ');
  const { state } = await jsm.streams.info(stream);
  const letters: StoredMsg[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) letters.push(message);
  }
  return letters;
}

/** A promise with its resolve function, to hold a handler until the spec lets it go. */
export function gate(): { readonly opened: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open: () => open() };
}
