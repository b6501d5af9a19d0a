import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import {
  JETSTREAM_OPTIONS,
  NatsClient,
  subscribeBroadcast,
  type BroadcastMessage,
  type BroadcastSubscription,
  type ResolvedJetStreamOptions,
} from '@meridian/messaging';
import { invalidationOf, invalidationSubjects } from './cache-invalidation';
import { PROFILE_API_OPTIONS, type ProfileApiOptions } from './profile-api-options';
import { ProfileReadCache } from './profile-read-cache';

/**
 * Keeps this instance's ProfileReadCache true to the bus: subscribes (core NATS, no durable
 * consumer, so every instance sees every event) to every partition's profile.updated and
 * identity.merged and to identity's deletion confirmations, and drops what they change.
 * While the connection is down events may be missed, so the cache is suspended until the
 * subscription is back. Subscribed before the app serves anything (module init).
 */
@Injectable()
export class ProfileCacheInvalidator implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProfileCacheInvalidator.name);
  private subscription: BroadcastSubscription | undefined;

  constructor(
    private readonly client: NatsClient,
    @Inject(JETSTREAM_OPTIONS) private readonly transport: ResolvedJetStreamOptions,
    @Inject(PROFILE_API_OPTIONS) private readonly options: ProfileApiOptions,
    private readonly cache: ProfileReadCache,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await subscribeBroadcast(
      this.client,
      this.transport.namespace,
      invalidationSubjects(this.options.serviceName),
      {
        onMessage: (message) => this.apply(message),
        onInterrupted: (reason) => {
          this.logger.warn(`profile cache suspended: ${reason}`);
          this.cache.suspend();
        },
        onResumed: () => {
          this.logger.log('profile cache resumed (emptied) after the reconnect');
          this.cache.resume();
        },
      },
    );
  }

  onModuleDestroy(): void {
    this.subscription?.close();
  }

  private apply(message: BroadcastMessage): void {
    const invalidation = invalidationOf(message.body);
    switch (invalidation.kind) {
      case 'profile':
        this.cache.profileChanged(
          invalidation.workspaceId,
          invalidation.profileId,
          invalidation.claimsChanged,
        );
        return;
      case 'merge':
        this.cache.profilesMerged(invalidation.workspaceId, invalidation.profileIds);
        return;
      case 'workspace':
        this.cache.workspaceErased(invalidation.workspaceId);
        return;
      case 'everything':
        this.logger.warn(`${message.subject}: ${invalidation.problem}; emptying the profile cache`);
        this.cache.clear();
        return;
    }
  }
}
