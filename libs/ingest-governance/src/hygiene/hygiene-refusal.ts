import type { CallPath, HygieneRefusalCode, Refusal } from '../refusal';

/**
 * Thrown inside the hygiene walk to stop at the first problem, and turned back into a
 * returned refusal by cleanCall; it never escapes the library.
 */
export class HygieneRefusal extends Error {
  constructor(readonly refusal: Refusal<HygieneRefusalCode>) {
    super(refusal.message);
    this.name = 'HygieneRefusal';
  }
}

export function refuse(code: HygieneRefusalCode, message: string, path: CallPath): never {
  throw new HygieneRefusal({ code, message, path });
}
