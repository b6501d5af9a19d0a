import Ajv, { type ValidateFunction } from 'ajv';
import type { z } from 'zod';
import type { CallPath } from '../refusal';
import { canonicalJson } from './canonical-json';
import { TrackingPlan, type ObjectJsonSchema, type TrackingPlanMode } from './tracking-plan';

/** One compiled schema: the validator and which top-level keys it plans for. */
export interface CompiledSchema {
  readonly validate: ValidateFunction;
  /** Whether the schema plans for this key (see README: planned properties). */
  isPlanned(key: string): boolean;
}

/** A tracking plan ready to evaluate calls: every schema compiled once, up front. */
export interface CompiledPlan {
  readonly mode: TrackingPlanMode;
  /** A Map, so that event names like 'constructor' or '__proto__' are plain names. */
  readonly events: ReadonlyMap<string, CompiledSchema>;
  readonly identifyTraits: CompiledSchema | undefined;
}

export interface TrackingPlanIssue {
  readonly path: CallPath;
  readonly message: string;
}

/** A tracking plan that cannot be compiled, with every problem found and where it is. */
export class TrackingPlanError extends Error {
  constructor(readonly issues: readonly TrackingPlanIssue[]) {
    super(`invalid tracking plan: ${issues.map(describeIssue).join('; ')}`);
    this.name = 'TrackingPlanError';
  }
}

function describeIssue(issue: TrackingPlanIssue): string {
  return issue.path.length === 0
    ? issue.message
    : `${JSON.stringify(issue.path)}: ${issue.message}`;
}

/** Plans compiled before, by the identity of their definition object. */
const compiledByDefinition = new WeakMap<object, CompiledPlan>();

/**
 * Validates a plan definition (see TrackingPlan) and compiles all its schemas with Ajv, or
 * throws a TrackingPlanError listing every problem. Compiling the same definition object
 * again returns the cached result, so definitions must not be mutated once compiled.
 * `format` keywords are annotations only: no format validators are installed.
 */
export function compileTrackingPlan(definition: unknown): CompiledPlan {
  const cached =
    typeof definition === 'object' && definition !== null
      ? compiledByDefinition.get(definition)
      : undefined;
  if (cached !== undefined) return cached;
  const parsed = TrackingPlan.safeParse(definition);
  if (!parsed.success) throw new TrackingPlanError(parsed.error.issues.map(fromZodIssue));
  const compiled = compileParsed(parsed.data);
  if (typeof definition === 'object' && definition !== null)
    compiledByDefinition.set(definition, compiled);
  return compiled;
}

function compileParsed(plan: TrackingPlan): CompiledPlan {
  const compiler = new SchemaCompiler();
  const events = new Map<string, CompiledSchema>();
  for (const [name, schema] of Object.entries(plan.events)) {
    const compiled = compiler.compile(schema, ['events', name]);
    if (compiled !== undefined) events.set(name, compiled);
  }
  const identifyTraits =
    plan.identifyTraits === undefined
      ? undefined
      : compiler.compile(plan.identifyTraits, ['identifyTraits']);
  if (compiler.issues.length > 0) throw new TrackingPlanError(compiler.issues);
  return { mode: plan.mode, events, identifyTraits };
}

/**
 * One Ajv instance per plan, so a recompiled plan does not pile up in a shared Ajv cache;
 * identical schemas within the plan (e.g. many events sharing one) compile once.
 */
class SchemaCompiler {
  readonly issues: TrackingPlanIssue[] = [];
  private readonly ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    logger: false,
  });
  private readonly bySchema = new Map<string, CompiledSchema>();

  compile(schema: ObjectJsonSchema, path: CallPath): CompiledSchema | undefined {
    const key = canonicalJson(schema);
    const known = this.bySchema.get(key);
    if (known !== undefined) return known;
    try {
      const compiled: CompiledSchema = {
        validate: this.ajv.compile(schema),
        isPlanned: plannedKeys(schema),
      };
      this.bySchema.set(key, compiled);
      return compiled;
    } catch (error) {
      // Ajv reports a bad schema (unknown type, bad $ref, invalid pattern) by throwing;
      // it becomes an issue of the plan so that all problems are reported together.
      if (!(error instanceof Error)) throw error;
      this.issues.push({ path, message: error.message });
      return undefined;
    }
  }
}

/**
 * A key is planned when the schema names it in `properties`, matches it with a
 * `patternProperties` pattern, or admits any key through an `additionalProperties` that is
 * not false. Invalid patterns have already been refused by Ajv.compile.
 */
function plannedKeys(schema: ObjectJsonSchema): (key: string) => boolean {
  const named = new Set(Object.keys(objectOr(schema['properties'])));
  const patterns = Object.keys(objectOr(schema['patternProperties'])).map(
    (source) => new RegExp(source, 'u'),
  );
  const additional = schema['additionalProperties'];
  const admitsAny = additional !== undefined && additional !== false;
  return (key) => admitsAny || named.has(key) || patterns.some((pattern) => pattern.test(key));
}

function objectOr(value: unknown): object {
  return typeof value === 'object' && value !== null ? value : {};
}

function fromZodIssue(issue: z.core.$ZodIssue): TrackingPlanIssue {
  return {
    path: issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'),
    message: issue.message,
  };
}
