/**
 * The area under the ROC curve, exactly: the probability that a random positive scores above
 * a random negative, ties counting one half (the Mann–Whitney U statistic over n⁺·n⁻).
 * O(n log n) time and O(n) memory, for fixtures, simulations and offline checks; streams use
 * PrequentialEvaluator. Null when either class is missing, since the AUC is then undefined.
 */
export function exactAuc(
  scores: readonly number[],
  labels: readonly (0 | 1 | boolean)[],
): number | null {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores (${scores.length}) and labels (${labels.length}) differ in length`,
    );
  }
  const order = scores.map((score, index) => {
    if (Number.isNaN(score)) throw new RangeError(`scores[${index}] is NaN`);
    return index;
  });
  order.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === scores[order[start] ?? 0])
      end++;
    // Tied scores share the mean of the ranks start+1 … end+1.
    const meanRank = (start + end + 2) / 2;
    for (let position = start; position <= end; position++) {
      const label = labels[order[position] ?? 0];
      if (label === 1 || label === true) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
