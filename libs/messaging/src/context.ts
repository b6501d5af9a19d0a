import { BaseRpcContext } from '@nestjs/microservices';

/** Where a message came from and how often it was delivered; given to every handler. */
export interface JetStreamMessageInfo {
  /** The real subject the event was published on. */
  readonly subject: string;
  /** The real stream name. */
  readonly stream: string;
  /** The real durable consumer name (with its partition suffix). */
  readonly consumer: string;
  /** 1 on the first delivery; greater when the message is retried. */
  readonly deliveryCount: number;
  readonly streamSequence: number;
  /** The partition of a partitioned consumer; undefined for the others. */
  readonly partition: number | undefined;
}

/** One item of a message that carries several (a batch), given up on by its handler. */
export interface FailedPart {
  /** Its position in the message; part of the dead-letter copy's id. */
  readonly index: number;
  /** What to keep in the dead letter: the item as a message of its own would carry it. */
  readonly body: unknown;
  /** Why no retry can help, for whoever reads the dead letters. */
  readonly detail: string;
}

/** Where a handler's failed parts go: the transport's dead-letter writer. */
export type PartDeadLetterer = (part: FailedPart) => Promise<void>;

/** The second argument of a `@JetStreamHandler` method (also reachable through Nest's `@Ctx()`). */
export class JetStreamContext extends BaseRpcContext<[JetStreamMessageInfo, PartDeadLetterer]> {
  constructor(info: JetStreamMessageInfo, deadLetterPart: PartDeadLetterer) {
    super([info, deadLetterPart]);
  }

  /**
   * Dead-letters one item of a batch and lets the handler go on with the others: a message
   * is settled as a whole, so a poison item must not make its neighbours retry or vanish.
   * Resolves once the copy is stored; rejects when it could not be (the handler should let
   * that propagate, so the whole message is retried).
   */
  deadLetterPart(part: FailedPart): Promise<void> {
    return this.args[1](part);
  }

  get info(): JetStreamMessageInfo {
    return this.args[0];
  }

  get subject(): string {
    return this.info.subject;
  }

  get deliveryCount(): number {
    return this.info.deliveryCount;
  }

  get streamSequence(): number {
    return this.info.streamSequence;
  }

  get partition(): number | undefined {
    return this.info.partition;
  }
}
