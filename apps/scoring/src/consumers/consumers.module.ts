import { Module } from '@nestjs/common';
import { ProfileErasureHandler } from './profile-erasure.handler';
import { ScoringEventsHandler } from './scoring-events.handler';
import { ScoringMessagesHandler } from './scoring-messages.handler';

/**
 * Scoring's two partitioned consumers, which hand every event to each scoring feature (RFM, the
 * models and erasure come from their global modules).
 */
@Module({ controllers: [ScoringEventsHandler, ScoringMessagesHandler, ProfileErasureHandler] })
export class ConsumersModule {}
