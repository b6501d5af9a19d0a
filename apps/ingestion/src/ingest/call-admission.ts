import {
  partitionKeyOf,
  partitionOf,
  type CallAcceptedV1,
  type SegmentCall,
} from '@meridian/contracts';
import {
  governCall,
  type GovernanceSettings,
  type RefusalCode,
  type Violation,
} from '@meridian/ingest-governance';
import type { WriteKeyOwner } from '@meridian/workspaces';
import type { RawCall, RefusedCall } from './batch-request';
import { callAcceptedEvent } from './call-accepted-event';
import { IngestRejection, type RejectionCode } from './ingest-rejection';
import { normaliseCall, type NormaliseContext } from './normalise-call';

/** A call that passed validation and governance, as the event that will go on the stream. */
export interface AdmittedCall {
  readonly index: number;
  readonly event: CallAcceptedV1;
}

/** A call the tracking plan blocked: answered as accepted, kept off the INGEST stream. */
export interface QuarantinedCall {
  readonly index: number;
  readonly call: SegmentCall;
  readonly violations: readonly Violation[];
}

export interface Admission {
  readonly admitted: readonly AdmittedCall[];
  readonly refused: readonly RefusedCall[];
  readonly quarantined: readonly QuarantinedCall[];
}

export interface AdmissionContext extends NormaliseContext {
  readonly owner: WriteKeyOwner;
  /** MERIDIAN_PARTITIONS. */
  readonly partitions: number;
  readonly governance: GovernanceSettings;
}

/**
 * The one path of every call, single or batched, each call on its own: normalise and
 * validate against its contract, govern (hygiene, consent, tracking plan), then place it on
 * its profile partition inside its envelope.
 */
export function admitCalls(calls: readonly RawCall[], context: AdmissionContext): Admission {
  const admitted: AdmittedCall[] = [];
  const refused: RefusedCall[] = [];
  const quarantined: QuarantinedCall[] = [];
  for (const { index, type, raw } of calls) {
    const outcome = admitCall(index, normalisedOrRefused(index, type, raw, context), context);
    if ('event' in outcome) admitted.push(outcome);
    else if ('violations' in outcome) quarantined.push(outcome);
    else refused.push(outcome);
  }
  return { admitted, refused, quarantined };
}

function normalisedOrRefused(
  index: number,
  type: RawCall['type'],
  raw: RawCall['raw'],
  context: NormaliseContext,
): SegmentCall | RefusedCall {
  try {
    return normaliseCall(type, raw, context);
  } catch (error) {
    if (!(error instanceof IngestRejection)) throw error;
    return { index, code: error.code, message: error.message, issues: error.issues };
  }
}

function admitCall(
  index: number,
  normalised: SegmentCall | RefusedCall,
  context: AdmissionContext,
): AdmittedCall | QuarantinedCall | RefusedCall {
  if ('code' in normalised) return normalised;
  const governed = governCall(normalised, context.governance);
  switch (governed.outcome) {
    case 'refused': {
      const { code, message, path } = governed.refusal;
      return { index, code: rejectionCodeOf(code), message, issues: [{ path, code, message }] };
    }
    case 'quarantined':
      return { index, call: governed.call, violations: governed.violations };
    case 'accepted': {
      const call = governed.call;
      const partition = partitionOf(partitionKeyOf(call), context.partitions);
      return { index, event: callAcceptedEvent({ ...context.owner, partition, call }) };
    }
  }
}

/** Compiles only while every governance refusal code is also an ingestion rejection code. */
function rejectionCodeOf(code: RefusalCode): RejectionCode {
  return code;
}
