export { ProfileGrpcModule } from './grpc.module';
export { ERROR_CODE_METADATA } from './grpc-status';
export { ProfileGrpcServer, type GrpcSettings } from './profile-grpc.server';
export {
  loadProfileProto,
  PROFILE_SERVICE,
  profileMethod,
  profileServiceDefinition,
  type ProfileMethod,
} from './profile-proto';
