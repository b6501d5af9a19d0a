import { consumers, type ConsumerDefinition } from '@meridian/contracts';

// Helpers for RFM's integration specs, typed by what they use so they import no testing lib.

/** What the specs need of a JetStream manager: a consumer's backlog. */
export interface ConsumerInfoSource {
  readonly consumers: {
    info(
      stream: string,
      durable: string,
    ): Promise<{ readonly num_pending: number; readonly num_ack_pending: number }>;
  };
}

/** What the specs need of a Namespace: real stream and consumer names. */
export interface NamesSource {
  stream(key: ConsumerDefinition['stream']): string;
  consumer(definition: ConsumerDefinition, partition?: number): { durable: string };
}

/** Whether scoring's consumers have handled everything published on these partitions. */
export async function scoringConsumersIdle(
  jsm: ConsumerInfoSource,
  names: NamesSource,
  partitions: number,
): Promise<boolean> {
  for (const definition of [consumers.scoringEvents, consumers.scoringMessages]) {
    for (let partition = 0; partition < partitions; partition += 1) {
      const { durable } = names.consumer(definition, partition);
      const info = await jsm.consumers.info(names.stream(definition.stream), durable);
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
  }
  return true;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Calls scoring's HTTP API with an admin key. */
export function adminApi(baseUrl: string, key: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };
  return {
    get: (path: string) => call('GET', path),
    put: (path: string, body: unknown) => call('PUT', path, body),
    post: (path: string) => call('POST', path),
  };
}
