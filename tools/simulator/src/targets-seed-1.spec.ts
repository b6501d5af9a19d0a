import { describeSimulationTargets } from './spec-support/simulation-targets';

describeSimulationTargets(1);
