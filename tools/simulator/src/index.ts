export { formatReport } from './report';
export {
  runSimulation,
  SIMULATION_TARGETS,
  type SimulationOptions,
  type SimulationReport,
  type SimulationTarget,
} from './simulation';
