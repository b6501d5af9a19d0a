export { PiiRotationModule } from './pii-rotation.module';
export {
  PiiRotationService,
  type RotationRequested,
  type RotationStatus,
} from './pii-rotation.service';
