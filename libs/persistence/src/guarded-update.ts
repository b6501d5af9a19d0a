import type { Db } from 'mongodb';

/** A guarded field's expected value, compared with `===` on the stored document. */
export type GuardValue = string | number | boolean | null;

/** Which server answers: each gets the guarded update that is both correct and fast on it. */
export type ServerFlavour = 'mongodb' | 'ferretdb';

const flavours = new WeakMap<Db, Promise<ServerFlavour>>();

/**
 * The flavour of the server behind `db`, asked once per database handle. FerretDB says so in
 * buildInfo (`ferretdbVersion`); a failed probe is not kept, so the next call asks again.
 */
export function serverFlavourOf(db: Db): Promise<ServerFlavour> {
  let flavour = flavours.get(db);
  if (flavour === undefined) {
    flavour = db
      .command({ buildInfo: 1 })
      .then((info): ServerFlavour => ('ferretdbVersion' in info ? 'ferretdb' : 'mongodb'));
    flavours.set(db, flavour);
    flavour.catch(() => flavours.delete(db));
  }
  return flavour;
}

/** A guarded update's filter taken apart: the document's id and the fields it must still hold. */
export interface IdAndGuard {
  readonly id: string;
  readonly guard: Readonly<Record<string, GuardValue>>;
}

/**
 * `{ _id: <string>, field: <scalar>, … }` taken apart, or a RangeError naming what else the
 * filter holds: a guarded update compares plain values on one document found by id.
 */
export function idAndGuardOf(filter: object): IdAndGuard {
  const guard: Record<string, GuardValue> = {};
  let id: string | undefined;
  for (const [field, value] of Object.entries(filter)) {
    if (field === '_id') {
      if (typeof value !== 'string')
        throw new RangeError('a guarded update needs `_id` as a string');
      id = value;
    } else if (field.startsWith('$') || field.includes('.') || !isGuardValue(value))
      throw new RangeError(
        `a guarded update compares top-level plain values; "${field}" is not one`,
      );
    else guard[field] = value;
  }
  if (id === undefined) throw new RangeError('a guarded update needs `_id` as a string');
  return { id, guard };
}

/** Whether the stored document still holds the guard (a missing field counts as null). */
export function holdsGuard(document: object, guard: Readonly<Record<string, GuardValue>>): boolean {
  return Object.entries(guard).every(
    ([field, value]) => (Reflect.get(document, field) ?? null) === value,
  );
}

function isGuardValue(value: unknown): value is GuardValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
