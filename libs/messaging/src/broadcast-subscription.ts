import type { Namespace } from '@meridian/contracts';
import type { NatsConnection, Status, Subscription } from '@nats-io/nats-core';
import { Logger } from '@nestjs/common';
import type { NatsClient } from './connection';
import { describeError } from './errors';

/** One message a broadcast subscription received. */
export interface BroadcastMessage {
  /** Relative subject, e.g. `profile.updated.3` (the namespace prefix removed). */
  readonly subject: string;
  /** The payload parsed as JSON, or its text when it is not JSON. */
  readonly body: unknown;
}

/**
 * What a broadcast subscriber is told. Delivery is at most once: while the connection is down
 * messages are lost, so a subscriber keeping state derived from them (a cache) must stop
 * trusting it between `onInterrupted` and `onResumed`.
 */
export interface BroadcastListener {
  /** Every message, in the order this process received it. Runs synchronously; must not throw. */
  onMessage(message: BroadcastMessage): void;
  /** Messages may be missed from now on: the connection dropped or the subscription failed. */
  onInterrupted(reason: string): void;
  /**
   * The connection is back and the server has registered the subscription again (a flush
   * round trip after the reconnect), so every message published from now on arrives. Whatever
   * was published while interrupted may have been missed.
   */
  onResumed(): void;
}

export interface BroadcastSubscription {
  /** Unsubscribes and stops watching the connection; idempotent. */
  close(): void;
}

/**
 * Subscribes this process to every message published on the relative subjects (wildcards
 * allowed), whether published to a stream or not, with a plain core NATS subscription: no
 * consumer on the server, no queue group, no replay. Every instance that subscribes sees
 * every message, which is what per-instance caches need (a durable consumer would share the
 * messages between instances). Resolves once the server has registered the subscription.
 */
export async function subscribeBroadcast(
  client: NatsClient,
  namespace: Namespace,
  relativeSubjects: readonly string[],
  listener: BroadcastListener,
): Promise<BroadcastSubscription> {
  if (relativeSubjects.length === 0) throw new RangeError('subscribe to at least one subject');
  await client.connect();
  const connection = client.connection;
  const prefix = `${namespace.name}.`;
  const subscriptions = relativeSubjects.map((relative) =>
    connection.subscribe(namespace.subject(relative), {
      callback: (error, message) => {
        if (error !== null) {
          listener.onInterrupted(`subscription to ${relative} failed: ${describeError(error)}`);
          return;
        }
        const subject = message.subject.startsWith(prefix)
          ? message.subject.slice(prefix.length)
          : message.subject;
        listener.onMessage({ subject, body: parsedBody(message.string()) });
      },
    }),
  );
  const watcher = watchConnection(connection, listener);
  try {
    // The round trip makes sure the server processed the SUBs before this resolves.
    await connection.flush();
  } catch (error) {
    closeAll(subscriptions, watcher);
    throw error;
  }
  let closed = false;
  return {
    close: () => {
      if (closed) return;
      closed = true;
      closeAll(subscriptions, watcher);
    },
  };
}

interface ConnectionWatcher {
  stop(): void;
}

const logger = new Logger('BroadcastSubscription');

/** Tells the listener when the connection drops and when it is back with its subscriptions. */
function watchConnection(
  connection: NatsConnection,
  listener: BroadcastListener,
): ConnectionWatcher {
  const statuses = connection.status();
  let stopped = false;
  const watch = async () => {
    for await (const status of statuses) {
      if (stopped) return;
      await react(connection, status, listener);
    }
  };
  watch().catch((error: unknown) => {
    logger.error(`watching the NATS connection ended: ${describeError(error)}`);
    if (!stopped) listener.onInterrupted('the connection watch ended');
  });
  return {
    stop: () => {
      stopped = true;
      // nats.js's status iterator can be stopped at once; the type only promises iteration.
      if ('stop' in statuses && typeof statuses.stop === 'function') statuses.stop();
    },
  };
}

async function react(
  connection: NatsConnection,
  status: Status,
  listener: BroadcastListener,
): Promise<void> {
  switch (status.type) {
    case 'disconnect':
    case 'close':
      listener.onInterrupted(`NATS connection ${status.type === 'close' ? 'closed' : 'lost'}`);
      return;
    case 'reconnect':
      try {
        // nats.js resent the SUBs on reconnecting; the round trip proves the server has them.
        await connection.flush();
        listener.onResumed();
      } catch (error) {
        // The connection dropped again: the next 'reconnect' resumes.
        logger.warn(`resuming after a reconnect failed: ${describeError(error)}`);
      }
      return;
    default:
      return;
  }
}

function closeAll(subscriptions: readonly Subscription[], watcher: ConnectionWatcher): void {
  for (const subscription of subscriptions) subscription.unsubscribe();
  watcher.stop();
}

function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the listener decides what a message it cannot read means.
    return text;
  }
}
