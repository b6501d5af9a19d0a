export {
  errnoCode,
  isRunning,
  logTail,
  readPid,
  runningPid,
  startDetached,
  stopProcess,
  type DetachedSpec,
  type StopOutcome,
} from './processes';
