import { PendingObservation, type ProfileSummary } from '@meridian/learning';
import { z } from 'zod';

/** Applied event ids a profile remembers against redeliveries (recent ones suffice, see features). */
export const MODEL_APPLIED_EVENT_IDS_LIMIT = 100;
/** Event names whose activity a profile keeps; beyond, the least active name is dropped. */
export const ACTIVITY_NAMES_LIMIT = 50;
/** `<kind>:<messageId>` keys of message events already counted (first delivery, open, click). */
export const COUNTED_MESSAGES_LIMIT = 200;
/**
 * Activity counts decay exponentially with this mean life, so they read as a rate over about
 * the last 30 days (the trailing window the propensity features expect) without keeping a
 * per-day history: one number and one instant per event name.
 */
export const ACTIVITY_MEAN_LIFE_DAYS = 30;

const DAY_MS = 86_400_000;
const MEAN_LIFE_MS = ACTIVITY_MEAN_LIFE_DAYS * DAY_MS;
const EpochMs = z.number().int();
const Name = z.string().min(1).max(200);

/** A count that fades: `value` as of `at`. */
export const DecayedCount = z.object({ value: z.number().nonnegative(), at: EpochMs });
export type DecayedCount = z.infer<typeof DecayedCount>;

const NO_COUNT: DecayedCount = { value: 0, at: 0 };

/**
 * Everything the models know about one profile (`model_profiles`, `_id` `workspace|profile`):
 * the summary the propensity features are made from, the pending label windows, the
 * engagement by local hour of the week and by channel, and the scores last published. Written
 * only by the owner of the profile's partition, under its PartitionLock; lists of objects, no
 * nested arrays and no keys made from names (names may hold dots).
 */
export const ModelProfileDocument = z.object({
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  profileId: z.string().min(1),
  partition: z.number().int().min(0),
  /** 0 before the first save; each save requires the revision it read. */
  revision: z.number().int().min(0),
  appliedEventIds: z.array(z.string()),
  firstSeenAt: EpochMs.nullable(),
  /** Latest event time seen. */
  lastSeenAt: EpochMs.nullable(),
  /** Track events by name, decayed (see ACTIVITY_MEAN_LIFE_DAYS). */
  activity: z.array(z.object({ name: Name, value: z.number().nonnegative(), at: EpochMs })),
  /** Per goal event: how many, the revenue they carried, and the latest. */
  goals: z.array(
    z.object({
      goal: Name,
      count: z.number().int().min(0),
      revenue: z.number().nonnegative(),
      lastAt: EpochMs,
    }),
  ),
  /** Traits named in MODELS_PROPENSITY_TRAITS, as the latest event carried them. */
  attributes: z.array(z.object({ name: Name, value: z.string().max(100) })),
  emailOpens: DecayedCount,
  emailClicks: DecayedCount,
  /** Minutes east of UTC of the profile's time zone (the latest `context.timezone`); 0 unknown. */
  utcOffsetMinutes: z.number().int().min(-840).max(840),
  /** Engagements (opens, clicks) by local hour of the week, only the slots that have any. */
  slots: z.array(z.object({ slot: z.number().int().min(0).max(167), count: z.number().min(0) })),
  /** Messages received (delivered) and engaged with (opened or clicked) per channel. */
  channels: z.array(
    z.object({
      channel: z.string().min(1),
      received: z.number().int().min(0),
      engaged: z.number().int().min(0),
    }),
  ),
  countedMessages: z.array(z.string()),
  /** At most one pending label window per goal. */
  pending: z.array(PendingObservation),
  /** The earliest `closesAt` of `pending`, epoch ms: what the sweep looks for. */
  nextCloseAt: EpochMs.nullable(),
  /** Scores as last published, so only real moves are published again. */
  published: z.array(z.object({ name: z.string().min(1), value: z.number() })),
});
export type ModelProfileDocument = z.infer<typeof ModelProfileDocument>;

export interface ModelProfileRef {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
}

export function modelProfileId(workspaceId: string, profileId: string): string {
  return `${workspaceId}|${profileId}`;
}

export function newModelProfile(ref: ModelProfileRef): ModelProfileDocument {
  return {
    _id: modelProfileId(ref.workspaceId, ref.profileId),
    workspaceId: ref.workspaceId,
    profileId: ref.profileId,
    partition: ref.partition,
    revision: 0,
    appliedEventIds: [],
    firstSeenAt: null,
    lastSeenAt: null,
    activity: [],
    goals: [],
    attributes: [],
    emailOpens: NO_COUNT,
    emailClicks: NO_COUNT,
    utcOffsetMinutes: 0,
    slots: [],
    channels: [],
    countedMessages: [],
    pending: [],
    nextCloseAt: null,
    published: [],
  };
}

/** A count's value at `at`: faded since its last change; an earlier `at` reads it as it is. */
export function decayedValue(count: DecayedCount, at: number): number {
  if (at <= count.at) return count.value;
  return count.value * Math.exp(-(at - count.at) / MEAN_LIFE_MS);
}

/**
 * The count with `amount` more at `at`. Events may arrive out of order: one older than the
 * count's instant adds its own faded weight, so the order of arrival does not matter.
 */
export function addToDecayed(count: DecayedCount, at: number, amount = 1): DecayedCount {
  if (at >= count.at) return { value: decayedValue(count, at) + amount, at };
  return { value: count.value + amount * Math.exp(-(count.at - at) / MEAN_LIFE_MS), at: count.at };
}

/** What the models read from a resolved event. */
export interface ProfileEventFacts {
  readonly id: string;
  /** Event time (the call's corrected timestamp), epoch ms. */
  readonly at: number;
  /** The event name of a track call; null for other calls. */
  readonly name: string | null;
  /** `properties.revenue` of a track call when a number ≥ 0, else 0. */
  readonly revenue: number;
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
  readonly utcOffsetMinutes: number | null;
}

/**
 * The profile after one more resolved event: first and last seen, activity by event name,
 * goal counts (for the events that are goals), traits and time zone. Null for an event already
 * applied (a redelivery). Pending windows are left to the label-window step.
 */
export function withProfileEvent(
  profile: ModelProfileDocument,
  facts: ProfileEventFacts,
  goals: readonly string[],
): ModelProfileDocument | null {
  if (profile.appliedEventIds.includes(facts.id)) return null;
  const { at, name } = facts;
  return {
    ...profile,
    appliedEventIds: [...profile.appliedEventIds, facts.id].slice(-MODEL_APPLIED_EVENT_IDS_LIMIT),
    firstSeenAt: profile.firstSeenAt === null ? at : Math.min(profile.firstSeenAt, at),
    lastSeenAt: profile.lastSeenAt === null ? at : Math.max(profile.lastSeenAt, at),
    activity: name === null ? profile.activity : withActivity(profile.activity, name, at),
    goals:
      name !== null && goals.includes(name)
        ? withGoal(profile.goals, name, at, facts.revenue)
        : profile.goals,
    attributes: facts.attributes.length > 0 ? [...facts.attributes] : profile.attributes,
    utcOffsetMinutes: facts.utcOffsetMinutes ?? profile.utcOffsetMinutes,
  };
}

function withActivity(
  activity: ModelProfileDocument['activity'],
  name: string,
  at: number,
): ModelProfileDocument['activity'] {
  const current = activity.find((entry) => entry.name === name);
  const next = { name, ...addToDecayed(current ?? NO_COUNT, at) };
  const others = activity.filter((entry) => entry.name !== name);
  const all = [...others, next];
  if (all.length <= ACTIVITY_NAMES_LIMIT) return all;
  // Drop the least active name now (never the one just counted).
  let weakest = 0;
  for (let index = 1; index < others.length; index++) {
    const entry = others[index];
    const least = others[weakest];
    if (
      entry !== undefined &&
      least !== undefined &&
      decayedValue(entry, at) < decayedValue(least, at)
    )
      weakest = index;
  }
  return all.filter((_, index) => index !== weakest);
}

function withGoal(
  goals: ModelProfileDocument['goals'],
  goal: string,
  at: number,
  revenue: number,
): ModelProfileDocument['goals'] {
  const current = goals.find((entry) => entry.goal === goal);
  const next = {
    goal,
    count: (current?.count ?? 0) + 1,
    revenue: (current?.revenue ?? 0) + revenue,
    lastAt: Math.max(current?.lastAt ?? at, at),
  };
  return [...goals.filter((entry) => entry.goal !== goal), next];
}

/**
 * The profile as the propensity features of `goal` see it at `at`: recency, frequency and
 * money of that goal, tenure, activity and email engagement over about the last 30 days,
 * and the traits.
 */
export function summaryFor(
  profile: ModelProfileDocument,
  goal: string,
  at: number,
): ProfileSummary {
  const stats = profile.goals.find((entry) => entry.goal === goal);
  const days = (from: number) => Math.max(0, at - from) / DAY_MS;
  return {
    recencyDays: stats === undefined ? null : days(stats.lastAt),
    frequency: stats?.count ?? 0,
    monetary: stats?.revenue ?? 0,
    daysSinceFirstSeen: profile.firstSeenAt === null ? 0 : days(profile.firstSeenAt),
    eventCounts: Object.fromEntries(
      profile.activity.map((entry) => [entry.name, decayedValue(entry, at)]),
    ),
    emailOpens: decayedValue(profile.emailOpens, at),
    emailClicks: decayedValue(profile.emailClicks, at),
    attributes: Object.fromEntries(profile.attributes.map((entry) => [entry.name, entry.value])),
  };
}
