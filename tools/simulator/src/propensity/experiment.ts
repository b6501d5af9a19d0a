import {
  ChampionChallenger,
  closeExpired,
  fromFeatureEntries,
  FtrlModel,
  type FtrlOptions,
  type LabelledExample,
  openObservation,
  type PendingObservation,
  type PromotionEvent,
  profileFeatures,
  recordGoalEvent,
} from '@meridian/learning';
import { SeededRandom } from '@meridian/random';
import {
  GOAL,
  type PropensityExperimentOptions,
  type PropensitySettings,
  resolveSettings,
  WINDOW_DAYS,
} from './settings';
import {
  type HoldoutRow,
  type PropensityPromotion,
  type PropensityReport,
  summariseRun,
} from './report';
import {
  createPopulation,
  type Customer,
  isActive,
  liveDay,
  summarise,
  trueWindowProbability,
} from './world';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Held locally: a global `Date` lookup is slow inside Jest's VM context. */
const { parse: parseInstant } = Date;
const Instant = Date;
const EPOCH = parseInstant('2026-01-05T00:00:00.000Z');
/** The first champion learns slowly; the challenger tries the default rate from day one. */
const FIRST_CHAMPION: FtrlOptions = { alpha: 0.02 };
const FIRST_CHALLENGER: FtrlOptions = { alpha: 0.1 };

/**
 * Runs the simulated population day by day and reports how close the learned propensity
 * comes to the truth. From day 0 every active profile is scored each midnight: an observation
 * opens unless one is pending (label-window rules), orders at midday are recorded on the
 * pending observation, and the nightly sweep releases the windows that have closed as
 * positive or negative examples. Champion and challenger learn those examples (test, then
 * train) until the holdout starts; the observations made during the holdout are then scored
 * by the frozen champion and by the oracle's true probabilities.
 */
export function runPropensityExperiment(options: PropensityExperimentOptions): PropensityReport {
  return new PropensityRun(resolveSettings(options)).run();
}

class PropensityRun {
  private readonly random: SeededRandom;
  private readonly population: Customer[];
  private readonly pair = new ChampionChallenger({
    champion: new FtrlModel(FIRST_CHAMPION),
    challenger: new FtrlModel(FIRST_CHALLENGER),
  });
  private readonly holdoutStart: number;
  private readonly pending = new Map<string, PendingObservation>();
  /** Profiles by the day their pending observation was made, for the nightly sweep. */
  private readonly openedOn = new Map<number, string[]>();
  /** The oracle's probability for each open observation, by profile. */
  private readonly truths = new Map<string, { truth: number; orders: number }>();
  private readonly holdout: HoldoutRow[] = [];
  private readonly promotions: PropensityPromotion[] = [];
  private trainingExamples = 0;

  constructor(private readonly settings: PropensitySettings) {
    this.random = new SeededRandom(settings.seed);
    this.population = createPopulation(
      this.random,
      settings.customers,
      -settings.burnInDays,
      settings.days - 1,
    );
    this.holdoutStart = settings.days - settings.holdoutDays;
  }

  run(): PropensityReport {
    // The windows of the last observations close a week after the last scoring day.
    const lastDay = this.settings.days + WINDOW_DAYS;
    for (let day = -this.settings.burnInDays; day <= lastDay; day++) {
      this.sweep(day);
      if (day >= 0 && day < this.settings.days) this.scoreProfiles(day);
      if (day < lastDay) this.liveDay(day);
    }
    return summariseRun(
      this.settings,
      this.pair,
      this.holdout,
      this.promotions,
      this.trainingExamples,
    );
  }

  /** Releases the windows that closed before this midnight (opened WINDOW_DAYS + 1 days ago). */
  private sweep(day: number): void {
    const due = day - WINDOW_DAYS - 1;
    const profiles = this.openedOn.get(due) ?? [];
    this.openedOn.delete(due);
    const observations = profiles.flatMap((id) => this.pending.get(id) ?? []);
    const { examples, stillPending } = closeExpired(observations, instant(day));
    if (stillPending.length > 0)
      throw new RangeError(`${stillPending.length} windows did not close on day ${day}`);
    for (const example of examples) {
      this.pending.delete(example.profileId);
      this.settle(example);
    }
  }

  private scoreProfiles(day: number): void {
    const observedAt = instant(day);
    const opened: string[] = [];
    for (const customer of this.population) {
      // A pending observation keeps its snapshot: only summarise when a window can open.
      if (!isActive(customer, day) || this.pending.has(customer.id)) continue;
      const features = profileFeatures(summarise(customer, day));
      const outcome = openObservation(null, {
        profileId: customer.id,
        goal: GOAL,
        observedAt,
        features,
      });
      this.pending.set(customer.id, outcome.pending);
      this.truths.set(customer.id, {
        truth: trueWindowProbability(customer, day),
        orders: customer.orders,
      });
      opened.push(customer.id);
    }
    this.openedOn.set(day, opened);
  }

  private liveDay(day: number): void {
    const occurredAt = instant(day, 12);
    for (const customer of this.population) {
      if (!isActive(customer, day) || liveDay(this.random, customer, day) === null) continue;
      const open = this.pending.get(customer.id);
      if (open === undefined) continue;
      this.pending.set(
        customer.id,
        recordGoalEvent(open, { profileId: customer.id, goal: GOAL, occurredAt }),
      );
    }
  }

  private settle(example: LabelledExample): void {
    const known = this.truths.get(example.profileId);
    this.truths.delete(example.profileId);
    if (dayOf(example.observedAt) >= this.holdoutStart) {
      if (known !== undefined) this.holdout.push({ ...known, example });
      return;
    }
    // Labels released during the holdout are not learned: the champion is frozen by then.
    if (dayOf(example.labelledAt) >= this.holdoutStart) return;
    const features = fromFeatureEntries(example.features);
    const { promotion } = this.pair.learn(features, example.label, example.labelledAt);
    this.trainingExamples++;
    if (promotion !== null) this.promotions.push(describePromotion(promotion));
  }
}

function describePromotion(promotion: PromotionEvent): PropensityPromotion {
  return {
    day: dayOf(promotion.at),
    generation: promotion.generation,
    comparedExamples: promotion.comparedExamples,
    zScore: promotion.zScore,
    zThreshold: promotion.zThreshold,
    meanLogLossImprovement: promotion.meanLogLossImprovement,
    championAlpha: promotion.champion.hyperparameters.alpha,
    retiredAlpha: promotion.retired.hyperparameters.alpha,
  };
}

/** The instant of `hour` o'clock on simulated day `day` (day 0 is 2026-01-05, a Monday). */
function instant(day: number, hour = 0): string {
  return new Instant(EPOCH + day * DAY_MS + hour * HOUR_MS).toISOString();
}

function dayOf(value: string): number {
  return Math.floor((parseInstant(value) - EPOCH) / DAY_MS);
}
