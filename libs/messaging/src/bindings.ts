import type { ConsumerDefinition, Namespace } from '@meridian/contracts';
import {
  AckPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { describeError } from './errors';
import type { ConsumerBinding } from './message-processor';
import { ADVISORY_CONSUMER, advisoryStreamName } from './names';

export interface BindingPlan {
  readonly namespace: Namespace;
  readonly ownedPartitions: readonly number[];
}

/** The durable consumers a service with handlers on these consumers must read. */
export function plannedBindings(definitions: readonly ConsumerDefinition[], plan: BindingPlan) {
  return definitions.flatMap((definition) => {
    const stream = plan.namespace.stream(definition.stream);
    const partitions = definition.partitioned ? plan.ownedPartitions : [undefined];
    return partitions.map((partition) => ({
      definition,
      stream,
      partition,
      ...plan.namespace.consumer(definition, partition),
    }));
  });
}

/**
 * Checks that every durable the service needs exists as provisioned, and reads its
 * max_deliver. Services never create streams or consumers: a missing one fails start-up and
 * names the provisioning step, so a typo or a forgotten provision cannot go unnoticed.
 */
export async function resolveBindings(
  jsm: JetStreamManager,
  definitions: readonly ConsumerDefinition[],
  plan: BindingPlan,
): Promise<{ bindings: ConsumerBinding[]; problems: string[] }> {
  const bindings: ConsumerBinding[] = [];
  const problems: string[] = [];
  for (const planned of plannedBindings(definitions, plan)) {
    const info = await consumerInfo(jsm, planned.stream, planned.durable, problems);
    if (!info) continue;
    if (info.config.filter_subject !== planned.filterSubject) {
      problems.push(
        `consumer ${planned.durable} on ${planned.stream} filters ${info.config.filter_subject ?? '(nothing)'}, expected ${planned.filterSubject}: re-run provisioning`,
      );
      continue;
    }
    if (info.config.ack_policy !== AckPolicy.Explicit) {
      problems.push(
        `consumer ${planned.durable} on ${planned.stream} does not use explicit acks: re-run provisioning`,
      );
      continue;
    }
    bindings.push({
      definition: planned.definition,
      stream: planned.stream,
      durable: planned.durable,
      partition: planned.partition,
      maxDeliver: info.config.max_deliver ?? planned.definition.maxDeliver,
    });
  }
  return { bindings, problems };
}

/** Checks the advisory consumer exists; returns the advisory stream name when it does. */
export async function resolveAdvisoryBinding(
  jsm: JetStreamManager,
  namespace: Namespace,
  problems: string[],
): Promise<string | undefined> {
  const stream = advisoryStreamName(namespace);
  const info = await consumerInfo(jsm, stream, ADVISORY_CONSUMER, problems);
  return info ? stream : undefined;
}

async function consumerInfo(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  problems: string[],
): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (
      error instanceof JetStreamApiError &&
      (error.code === JetStreamApiCodes.ConsumerNotFound ||
        error.code === JetStreamApiCodes.StreamNotFound)
    ) {
      problems.push(
        `consumer ${durable} on stream ${stream} is not provisioned: run \`node -r @swc-node/register tools/cli/src/main.ts provision\``,
      );
      return undefined;
    }
    problems.push(`cannot read consumer ${durable} on stream ${stream}: ${describeError(error)}`);
    return undefined;
  }
}
