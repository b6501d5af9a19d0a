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

/** The second argument of a `@JetStreamHandler` method (also reachable through Nest's `@Ctx()`). */
export class JetStreamContext extends BaseRpcContext<[JetStreamMessageInfo]> {
  constructor(info: JetStreamMessageInfo) {
    super([info]);
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
