import { randomBytes } from 'node:crypto';
import {
  atLeast,
  type Benchmark,
  type BenchIo,
  type BenchResult,
  type Measurement,
} from '../benchmark';
import { benchInfra } from '../ingest/environment';
import type { BenchOptions } from '../options';
import { runWorker } from '../worker';
import { ProfileEnvironment } from './environment';
import {
  FIND_ONE_PROBE_SCRIPT,
  HTTP_PROBE_SCRIPT,
  HttpProbeOutput,
  ProbeOutput,
  type FindOneProbeInput,
  type HttpProbeInput,
  type ProbeLoad,
} from './protocol';
import { BENCH_PROFILE_WORKSPACE, benchUserId, seedIdentifies, seedTracks } from './seed-calls';

/** The target: a hot profile read within 2 ms at p99. */
export const PROFILE_TARGETS = { p99Ms: 2, percentWithin: 99 } as const;

/**
 * What the benchmark seeds (profiles, and calls of the hot one for a real timeline) and the
 * rate the hot profile is read at.
 */
export const PROFILE_BENCH = {
  /** Profiles in the workspace when the hot one is read. */
  profiles: 10_000,
  /** Of those, resolved by identity from identify calls; the rest are copies of these. */
  resolvedProfiles: 100,
  hotProfile: 42,
  hotProfileTracks: 20,
  /**
   * Requests a second to each of the three targets, taking turns request by request: 1,000 a
   * second through the probe, as with the earlier one-second turns. Identity answers two of
   * them, so it is read 666 times a second, steadily (its average under those turns).
   */
  requestsPerSecondPerTarget: 333,
} as const;

/** Every probe of one run. */
export interface ProfilePhases {
  readonly byId: ProbeOutput;
  readonly lookup: ProbeOutput;
  readonly staticJson: ProbeOutput;
  readonly findOne: ProbeOutput;
}

/**
 * GET /v1/profiles/:id and /v1/profiles/lookup for one hot profile against one identity
 * process (its own namespace and database; 10,000 profiles, 100 of them resolved by identity
 * from identify calls and the rest copies of those), against two raw baselines in the same
 * run: a bare node:http server answering the same bytes, and the store's findOne of the same
 * document.
 */
export const profileBenchmark: Benchmark = {
  summary: 'hot profile read latency (GET by id, lookup) against bare HTTP and a store findOne',
  async run(options: BenchOptions, io: BenchIo): Promise<BenchResult> {
    const environment = new ProfileEnvironment(benchInfra(), options.partitions);
    try {
      await environment.start((line) => io.progress(line));
      const profileId = await seed(environment, options, io);
      return profileResult(options, await measure(environment, profileId, options, io));
    } finally {
      io.progress(`cleaning up namespace ${environment.namespace}`);
      await environment.dispose();
    }
  },
};

async function seed(environment: ProfileEnvironment, options: BenchOptions, io: BenchIo) {
  const { profiles, resolvedProfiles, hotProfile, hotProfileTracks } = PROFILE_BENCH;
  const calls = { runId: randomBytes(4).toString('hex'), partitions: options.partitions };
  io.progress(`resolving ${resolvedProfiles} profiles through identity's ingest consumers`);
  const started = performance.now();
  await environment.ingest(
    [
      ...seedIdentifies(resolvedProfiles, calls),
      ...seedTracks(hotProfile, hotProfileTracks, { ...calls, firstSequence: resolvedProfiles }),
    ],
    resolvedProfiles + hotProfileTracks,
  );
  io.progress(`resolved in ${seconds(started)}; copying them up to ${profiles} profiles`);
  const copied = performance.now();
  const stored = await environment.fillWithCopies(profiles);
  io.progress(`${stored} profiles stored; copies took ${seconds(copied)}`);
  const answer = await fetch(hotLookupUrl(environment), { headers: authHeaders(environment) });
  const body: unknown = await answer.json();
  if (answer.status !== 200 || typeof body !== 'object' || body === null || !('profileId' in body))
    throw new Error(
      `looking up the hot profile answered ${answer.status}: ${JSON.stringify(body)}`,
    );
  return String(body.profileId);
}

async function measure(
  environment: ProfileEnvironment,
  profileId: string,
  options: BenchOptions,
  io: BenchIo,
): Promise<ProfilePhases> {
  const load: ProbeLoad = {
    ratePerSecond: PROFILE_BENCH.requestsPerSecondPerTarget,
    connections: options.connections,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.durationSeconds * 1000,
    thresholdMs: PROFILE_TARGETS.p99Ms,
  };
  // The store first: sub-millisecond phases run right after seeding measured the machine
  // still writing the seeded documents out.
  const findOne = await measureFindOne(environment, profileId, load, io);
  const headers = authHeaders(environment);
  const byIdUrl = `${environment.identityUrl}/v1/profiles/${profileId}`;
  const hotBody = Buffer.from(await (await fetch(byIdUrl, { headers })).arrayBuffer());
  const staticUrl = await environment.startStaticServer(hotBody);
  io.progress(
    `GET by id, GET lookup and bare HTTP taking turns request by request: ` +
      `${PROFILE_BENCH.requestsPerSecondPerTarget} requests/s each, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured`,
  );
  const input: HttpProbeInput = {
    ...load,
    targets: [
      { url: byIdUrl, headers },
      { url: hotLookupUrl(environment), headers },
      { url: staticUrl, headers: {} },
    ],
  };
  const [byId, lookup, staticJson] = await runWorker(HTTP_PROBE_SCRIPT, input, HttpProbeOutput);
  if (byId === undefined || lookup === undefined || staticJson === undefined)
    throw new Error('the HTTP probe answered fewer results than it had targets');
  return { byId, lookup, staticJson, findOne };
}

/** The store's findOne of the hot profile, one read at a time (a cache miss's cost). */
function measureFindOne(
  environment: ProfileEnvironment,
  profileId: string,
  load: ProbeLoad,
  io: BenchIo,
): Promise<ProbeOutput> {
  const seconds = (ms: number) => ms / 1000;
  io.progress(
    `store findOne, one read at a time: ${seconds(load.warmupMs)} s warm-up + ${seconds(load.durationMs)} s measured`,
  );
  const input: FindOneProbeInput = {
    ...load,
    ratePerSecond: undefined,
    connections: 1,
    mongoUrl: environment.infra.mongoUrl,
    database: environment.namespace,
    workspaceId: BENCH_PROFILE_WORKSPACE,
    profileId,
  };
  return runWorker(FIND_ONE_PROBE_SCRIPT, input, ProbeOutput);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function hotLookupUrl(environment: ProfileEnvironment): string {
  return `${environment.identityUrl}/v1/profiles/lookup?type=userId&value=${benchUserId(PROFILE_BENCH.hotProfile)}`;
}

function authHeaders(environment: ProfileEnvironment): Record<string, string> {
  return { authorization: `Bearer ${environment.adminKey}` };
}

export function profileResult(options: BenchOptions, phases: ProfilePhases): BenchResult {
  const { byId, lookup, staticJson, findOne } = phases;
  const ratio = (service: ProbeOutput, raw: ProbeOutput, pick: 'p50' | 'p99') =>
    (service.latencyMs?.[pick] ?? Number.NaN) / (raw.latencyMs?.[pick] ?? Number.NaN);
  return {
    benchmark: 'profile',
    setup:
      `1 identity process, ${PROFILE_BENCH.profiles} profiles (${PROFILE_BENCH.resolvedProfiles} resolved by its ingest consumers from identify calls, ${options.partitions} partitions, the rest copies of those), ` +
      `one hot profile (${byId.answerBytes} B of JSON) read by id, by lookup and from the bare HTTP baseline, taking turns request by request, ${PROFILE_BENCH.requestsPerSecondPerTarget} requests/s each (identity ${2 * PROFILE_BENCH.requestsPerSecondPerTarget}/s, open loop) over up to ${options.connections} keep-alive connections per target, ` +
      `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured; ` +
      'raw baselines: a bare node:http server answering the same bytes, and the store findOne of the same document one read at a time (own processes)',
    measurements: [
      ...probeMeasurements('GET by id', byId),
      ...probeMeasurements('GET lookup', lookup),
      ...probeMeasurements('bare HTTP', staticJson),
      ...probeMeasurements('store findOne', findOne),
      {
        group: 'ratio',
        label: 'by id ÷ bare HTTP p50',
        value: ratio(byId, staticJson, 'p50'),
        unit: '',
      },
      {
        group: 'ratio',
        label: 'by id ÷ bare HTTP p99',
        value: ratio(byId, staticJson, 'p99'),
        unit: '',
      },
      {
        group: 'ratio',
        label: 'by id ÷ findOne p50',
        value: ratio(byId, findOne, 'p50'),
        unit: '',
      },
    ],
    targets: [
      atLeast(
        `GET by id within ${PROFILE_TARGETS.p99Ms} ms, % (p99 ≤ ${PROFILE_TARGETS.p99Ms} ms)`,
        byId.withinThresholdPercent,
        PROFILE_TARGETS.percentWithin,
      ),
      atLeast(
        `GET lookup within ${PROFILE_TARGETS.p99Ms} ms, % (p99 ≤ ${PROFILE_TARGETS.p99Ms} ms)`,
        lookup.withinThresholdPercent,
        PROFILE_TARGETS.percentWithin,
      ),
      // A run with failed requests measures something else than reads of a hot profile.
      atLeast('successful requests, % of all', successShare([byId, lookup]), 100),
    ],
    notes: failureNotes({ byId, lookup, staticJson, findOne }),
    details: { profiles: PROFILE_BENCH, phases },
  };
}

function probeMeasurements(group: string, probe: ProbeOutput): Measurement[] {
  const latency = probe.latencyMs;
  return [
    { group, label: 'requests/s', value: probe.requestsPerSecond, unit: '' },
    { group, label: 'p50 latency', value: latency?.p50 ?? Number.NaN, unit: 'ms' },
    { group, label: 'p99 latency', value: latency?.p99 ?? Number.NaN, unit: 'ms' },
    { group, label: 'max latency', value: latency?.max ?? Number.NaN, unit: 'ms' },
    {
      group,
      label: `within ${PROFILE_TARGETS.p99Ms} ms`,
      value: probe.withinThresholdPercent,
      unit: '%',
    },
  ];
}

function successShare(probes: readonly ProbeOutput[]): number {
  const failures = probes.reduce((sum, probe) => sum + probe.failures, 0);
  const requests = probes.reduce((sum, probe) => sum + probe.requests, 0);
  return requests + failures === 0 ? 0 : (requests / (requests + failures)) * 100;
}

function failureNotes(phases: ProfilePhases): string[] {
  return Object.entries(phases).flatMap(([phase, probe]) =>
    probe.failures === 0
      ? []
      : [
          `${phase}: ${probe.failures} failed requests; the first: ${probe.firstFailure ?? 'unknown'}`,
        ],
  );
}
