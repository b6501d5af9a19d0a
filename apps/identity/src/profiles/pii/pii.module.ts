import { Module, type DynamicModule } from '@nestjs/common';
import { PiiCipher, type PiiKeyring } from '@meridian/pii-crypto';
import { ProfilePii } from './profile-pii';

/**
 * The PII cipher of this deployment, from the configured keys: global, because every store of
 * identity's features reads and writes profiles and identifiers through it.
 */
@Module({})
export class PiiModule {
  static forKeyring(keyring: PiiKeyring): DynamicModule {
    return {
      module: PiiModule,
      global: true,
      providers: [{ provide: ProfilePii, useValue: new ProfilePii(new PiiCipher(keyring)) }],
      exports: [ProfilePii],
    };
  }
}
