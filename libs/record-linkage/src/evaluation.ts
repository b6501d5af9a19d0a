import type { Decision } from './fellegi-sunter';

/** A matching decision next to the truth: the profile the record really belongs to, if any. */
export interface LabelledOutcome {
  readonly truthId: string | null;
  readonly profileId: string | null;
  readonly decision: Decision;
}

export interface Accuracy {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Pairwise precision, recall and F1 of the links the matcher made, counting a decision as
 * a link when `linked` says so (merge only, or merge and review). A link to the wrong
 * profile is a false positive and, for a duplicate, also a false negative.
 */
export function measureAccuracy(
  outcomes: Iterable<LabelledOutcome>,
  linked: (decision: Decision) => boolean = (decision) => decision === 'merge',
): Accuracy {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const outcome of outcomes) {
    const isLink = outcome.profileId !== null && linked(outcome.decision);
    const correct = isLink && outcome.profileId === outcome.truthId;
    if (correct) truePositives++;
    else {
      if (isLink) falsePositives++;
      if (outcome.truthId !== null) falseNegatives++;
    }
  }
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
