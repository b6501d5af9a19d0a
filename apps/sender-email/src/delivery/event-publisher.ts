import type { JetStreamPublisher } from '@meridian/messaging';

/**
 * The one publisher method this service uses: a relative subject and an envelope whose id is
 * its Nats-Msg-Id, resolved once JetStream stored it. Injected with the JetStreamPublisher
 * token; specs pass a recorder of this shape.
 */
export type EventPublisher = Pick<JetStreamPublisher, 'publish'>;
