import { Module, type DynamicModule } from '@nestjs/common';
import { ProfileStoreModule } from '../profiles';
import { PiiRotationController } from './pii-rotation.controller';
import { PiiRotationService } from './pii-rotation.service';
import { ResealCommandsController } from './reseal-commands.controller';
import { ResealService } from './reseal.service';

/** PII key rotation: the HTTP API that starts it and the per-profile re-encryption commands. */
@Module({})
export class PiiRotationModule {
  /** `profileApi` is the app's ProfileApiModule instance, whose access checks the API uses. */
  static register(profileApi: DynamicModule): DynamicModule {
    return {
      module: PiiRotationModule,
      imports: [ProfileStoreModule, profileApi],
      controllers: [PiiRotationController, ResealCommandsController],
      providers: [PiiRotationService, ResealService],
    };
  }
}
