export {
  Checkpoint,
  CheckpointError,
  checkpointPathFor,
  CheckpointStore,
  rejectsPathFor,
} from './checkpoint';
export { RejectsLog, type Reject } from './rejects-log';
