import { compileTrackingPlan, TrackingPlanError } from './compile-tracking-plan';

function issuesOf(definition: unknown) {
  try {
    compileTrackingPlan(definition);
  } catch (error) {
    if (error instanceof TrackingPlanError) return error.issues;
    throw error;
  }
  throw new Error('expected a TrackingPlanError');
}

const orderCompleted = {
  type: 'object',
  properties: { total: { type: 'number' } },
  required: ['total'],
};

describe('compileTrackingPlan', () => {
  it('compiles every event schema and the identify traits schema up front', () => {
    const plan = compileTrackingPlan({
      mode: 'omit',
      events: { 'Order Completed': orderCompleted, constructor: {} },
      identifyTraits: { type: 'object', properties: { email: { type: 'string' } } },
    });
    expect(plan.mode).toBe('omit');
    expect([...plan.events.keys()]).toEqual(['Order Completed', 'constructor']);
    expect(plan.events.get('Order Completed')?.validate({ total: 3 })).toBe(true);
    expect(plan.events.get('Order Completed')?.validate({ total: '3' })).toBe(false);
    expect(plan.events.get('__proto__')).toBeUndefined();
    expect(plan.identifyTraits?.isPlanned('email')).toBe(true);
  });

  it('compiles a schema shared by several events once, whatever its key order', () => {
    const reordered = {
      required: ['total'],
      properties: { total: { type: 'number' } },
      type: 'object',
    };
    const plan = compileTrackingPlan({
      mode: 'allow',
      events: { A: orderCompleted, B: reordered },
    });
    expect(plan.events.get('A')).toBe(plan.events.get('B'));
  });

  it('returns the cached compiled plan for the same definition object', () => {
    const definition = { mode: 'block', events: { A: orderCompleted } };
    expect(compileTrackingPlan(definition)).toBe(compileTrackingPlan(definition));
  });

  it('plans the keys a schema names, matches by pattern, or admits as additional', () => {
    const named = compileTrackingPlan({
      mode: 'omit',
      events: { A: { properties: { sku: {} }, patternProperties: { '^utm_': {} } } },
    }).events.get('A');
    expect(named?.isPlanned('sku')).toBe(true);
    expect(named?.isPlanned('utm_source')).toBe(true);
    expect(named?.isPlanned('coupon')).toBe(false);
    const open = compileTrackingPlan({
      mode: 'omit',
      events: { A: { properties: { sku: {} }, additionalProperties: { type: 'string' } } },
    }).events.get('A');
    expect(open?.isPlanned('coupon')).toBe(true);
  });

  it('ignores format keywords rather than failing on unknown formats', () => {
    const plan = compileTrackingPlan({
      mode: 'allow',
      events: { A: { properties: { email: { type: 'string', format: 'email' } } } },
    });
    expect(plan.events.get('A')?.validate({ email: 'not an email' })).toBe(true);
  });

  it.each([
    ['a plan that is not an object', 'plan', []],
    ['an unknown mode', { mode: 'warn', events: {} }, ['mode']],
    ['a missing events map', { mode: 'allow' }, ['events']],
    ['a misspelt key', { mode: 'allow', events: {}, identifyTrait: {} }, []],
    ['an empty event name', { mode: 'allow', events: { '': {} } }, ['events', '']],
    ['a schema that is not an object', { mode: 'allow', events: { A: 'string' } }, ['events', 'A']],
    [
      'a schema of a non-object type',
      { mode: 'allow', events: { A: { type: 'array' } } },
      ['events', 'A', 'type'],
    ],
    [
      'an async schema',
      { mode: 'allow', events: { A: { $async: true } } },
      ['events', 'A', '$async'],
    ],
  ])('refuses %s with an issue at its path', (_case, definition, path) => {
    const issues = issuesOf(definition);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(path);
    expect(issues[0]?.message).not.toBe('');
  });

  it('reports every schema Ajv cannot compile, naming the event', () => {
    const issues = issuesOf({
      mode: 'allow',
      events: {
        A: { properties: { total: { type: 'numbr' } } },
        B: { patternProperties: { '(': {} } },
        C: { properties: { x: { $ref: '#/definitions/missing' } } },
      },
      identifyTraits: { properties: { email: { type: 'string' } } },
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['events', 'A'],
      ['events', 'B'],
      ['events', 'C'],
    ]);
  });

  it('names misspelt keys of the plan', () => {
    expect(issuesOf({ mode: 'allow', events: {}, identifyTrait: {} })[0]?.message).toBe(
      'unknown "identifyTrait": a plan has only mode, events and identifyTraits',
    );
  });

  it('says what is wrong in the error message', () => {
    expect(() => compileTrackingPlan({ mode: 'warn', events: {} })).toThrow(
      /invalid tracking plan: \["mode"\]: mode must be 'allow', 'omit' or 'block'/,
    );
  });
});
