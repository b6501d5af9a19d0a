const CODES: Readonly<Record<string, string>> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
};

/**
 * American Soundex of a normalised name ("robert" → "R163"): a blocking key that survives
 * most single-letter typos after the first letter. Only the first word counts.
 */
export function soundex(name: string): string {
  const word = name.split(' ')[0] ?? '';
  const first = word[0];
  if (first === undefined) return '';
  let code = first.toUpperCase();
  let previous = CODES[first] ?? '';
  for (let i = 1; i < word.length && code.length < 4; i++) {
    const letter = word[i] ?? '';
    const digit = CODES[letter] ?? '';
    if (digit !== '' && digit !== previous) code += digit;
    // h and w do not separate letters with the same code; vowels do.
    if (letter !== 'h' && letter !== 'w') previous = digit;
  }
  return code.padEnd(4, '0');
}
