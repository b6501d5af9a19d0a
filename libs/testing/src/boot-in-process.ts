import type {
  DynamicModule,
  INestApplication,
  LogLevel,
  LoggerService,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { listenInProcess } from './listen-in-process';

export interface BootInProcessOptions {
  /** Nest's logger; only warnings and errors by default, to keep spec output readable. */
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Runs before listen: global pipes, prefixes, useLogger, ... */
  readonly configure?: (app: INestApplication) => unknown;
}

export interface InProcessApp {
  readonly app: INestApplication;
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/** A Nest app of `module` listening on a free port of 127.0.0.1, for medium-sized specs. */
export async function bootInProcess(
  module: Type<unknown> | DynamicModule,
  options: BootInProcessOptions = {},
): Promise<InProcessApp> {
  const app = await NestFactory.create(module, {
    logger: options.logger ?? ['error', 'warn'],
    abortOnError: false,
  });
  let url: string;
  try {
    await options.configure?.(app);
    url = await listenInProcess(app);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, url, close: () => app.close() };
}
