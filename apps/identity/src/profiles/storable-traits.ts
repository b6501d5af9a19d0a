/**
 * Trait keys the database cannot store or would misread: a '.' is a path separator and a
 * leading '$' an operator in MongoDB (and FerretDB refuses both), so such keys are
 * refused rather than silently rewritten. Nested objects are checked too.
 */
export function unstorableTraitKeys(traits: Readonly<Record<string, unknown>>): string[] {
  const found: string[] = [];
  collectUnstorableKeys(traits, '', found);
  return found;
}

function collectUnstorableKeys(value: unknown, path: string, found: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectUnstorableKeys(item, `${path}[${index}]`, found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, nested] of Object.entries(value)) {
    const keyPath = path === '' ? key : `${path}.${key}`;
    if (key.includes('.') || key.startsWith('$')) found.push(keyPath);
    else collectUnstorableKeys(nested, keyPath, found);
  }
}

/** Paths of arrays directly inside arrays, which FerretDB 1.24 cannot store. */
export function nestedArrayPaths(traits: Readonly<Record<string, unknown>>): string[] {
  const found: string[] = [];
  collectNestedArrays(traits, '', false, found);
  return found;
}

function collectNestedArrays(
  value: unknown,
  path: string,
  insideArray: boolean,
  found: string[],
): void {
  if (Array.isArray(value)) {
    if (insideArray) {
      found.push(path);
      return;
    }
    value.forEach((item, index) => collectNestedArrays(item, `${path}[${index}]`, true, found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, nested] of Object.entries(value)) {
    collectNestedArrays(nested, path === '' ? key : `${path}.${key}`, false, found);
  }
}
