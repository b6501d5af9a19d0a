import type { Identifier, SegmentCall } from '@meridian/contracts';
import { identifiersOfCall } from '../identifiers/identifiers-of-call';
import { identifierKey } from '../identifiers/subject-identifier';
import type { SuppressionDocument } from './suppressions.collection';

/** A suppression as ingestion holds it in memory. */
export interface ActiveSuppression {
  readonly id: string;
  /** The request that created it; drop counts are kept per (suppression, request). */
  readonly requestId: string;
  readonly identifier: Identifier;
}

/** One workspace's suppressions at one moment, by normalised identifier. */
export class SuppressionSet {
  static readonly EMPTY = new SuppressionSet([]);
  private readonly byIdentifier: ReadonlyMap<string, ActiveSuppression>;

  constructor(suppressions: readonly SuppressionDocument[]) {
    this.byIdentifier = new Map(
      suppressions.map((document) => {
        const identifier = { type: document.type, value: document.value };
        const active = { id: document._id, requestId: document.requestId, identifier };
        return [identifierKey(identifier), active];
      }),
    );
  }

  get size(): number {
    return this.byIdentifier.size;
  }

  /** The suppression the call's person falls under, if any (the first identifier that matches). */
  match(call: SegmentCall): ActiveSuppression | undefined {
    // Most workspaces suppress nobody: no need to collect the call's identifiers then.
    if (this.byIdentifier.size === 0) return undefined;
    for (const identifier of identifiersOfCall(call)) {
      const suppression = this.byIdentifier.get(identifierKey(identifier));
      if (suppression !== undefined) return suppression;
    }
    return undefined;
  }
}
