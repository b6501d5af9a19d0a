import { workerMain } from '../worker-main';
import { generateLoad } from './load';
import { LoadGeneratorInput } from './protocol';

// Worker process of the ingest benchmark: posts batches to the ingestion service's
// /v1/batch and prints the measured throughput and latency (see ./load.ts).
workerMain(LoadGeneratorInput, generateLoad);
