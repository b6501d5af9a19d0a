import type { LoggerService } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';

export type LogLevel = pino.LevelWithSilent;
export type Logger = pino.Logger;
export type LogDestination = pino.DestinationStream;

export interface LoggerOptions {
  readonly serviceName: string;
  readonly level?: LogLevel;
  /** Where lines go; stdout when omitted. Tests pass a stream that collects them. */
  readonly destination?: LogDestination;
}

/**
 * The ids of the span active where the line is written, so a log line leads to its trace
 * (and, through the span file or the tracing backend, to the other services' lines).
 */
export function traceContextFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const context = span.spanContext();
  if (!isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

/** JSON lines with ISO time, level as a word, the service name and the active trace ids. */
export function createLogger(options: LoggerOptions): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceContextFields,
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over pino: `app.useLogger(new NestPinoLogger(logger))` (create the
 * app with `bufferLogs: true` so start-up lines wait for it). Nest passes the context as
 * the last string argument and, for errors, a stack before it.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: PinoMethod, message: unknown, params: readonly unknown[]): void {
    const rest = [...params];
    const last = rest.at(-1);
    const context = rest.length > 0 && typeof last === 'string' ? last : undefined;
    if (context !== undefined) rest.pop();
    const stack = rest.find(
      (param): param is string => typeof param === 'string' && /\n\s+at /.test(param),
    );
    const extra = rest.filter((param) => param !== stack);

    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields['context'] = context;
    if (stack !== undefined) fields['stack'] = stack;
    if (extra.length > 0) fields['params'] = extra;
    if (message instanceof Error) {
      fields['err'] = message;
      this.logger[level](fields, message.message);
    } else if (typeof message === 'string') {
      this.logger[level](fields, message);
    } else {
      fields['payload'] = message;
      this.logger[level](fields);
    }
  }
}
