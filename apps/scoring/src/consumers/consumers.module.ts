import { Module } from '@nestjs/common';
import { ScoringEventsHandler } from './scoring-events.handler';
import { ScoringMessagesHandler } from './scoring-messages.handler';

/**
 * Scoring's two partitioned consumers, which hand every event to each scoring feature (RFM and
 * the models come from their global modules).
 */
@Module({ controllers: [ScoringEventsHandler, ScoringMessagesHandler] })
export class ConsumersModule {}
