export { PiiModule } from './pii.module';
export { openProfile, sealProfile, type ProfileDocument } from './profile-document';
export {
  isPiiIdentifier,
  isPiiTrait,
  PII_IDENTIFIER_TYPES,
  PII_TRAITS,
  ProfilePii,
  type PiiPlace,
} from './profile-pii';
