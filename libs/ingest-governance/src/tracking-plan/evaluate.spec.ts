import { compileTrackingPlan } from './compile-tracking-plan';
import { evaluate } from './evaluate';
import type { TrackingPlanMode } from './tracking-plan';

const orderCompleted = {
  type: 'object',
  properties: {
    total: { type: 'number' },
    items: { type: 'array', items: { type: 'object', properties: { price: { type: 'number' } } } },
  },
  required: ['total'],
};

function planIn(mode: TrackingPlanMode) {
  return compileTrackingPlan({
    mode,
    events: { 'Order Completed': orderCompleted },
    identifyTraits: { type: 'object', properties: { email: { type: 'string' } } },
  });
}

function track(event: string, properties?: Record<string, unknown>) {
  return { type: 'track', messageId: 'm-1', userId: 'u-1', event, properties };
}

describe('evaluate', () => {
  describe.each(['allow', 'omit', 'block'] as const)('in %s mode', (mode) => {
    it('accepts a planned event that matches its schema, untouched', () => {
      const call = track('Order Completed', { total: 10 });
      expect(evaluate(planIn(mode), call)).toEqual({ action: 'accept', call, violations: [] });
    });

    it('blocks a planned event that violates its schema, saying where', () => {
      const result = evaluate(
        planIn(mode),
        track('Order Completed', { total: '10', items: [{ price: 'x' }] }),
      );
      expect(result.action).toBe('block');
      expect(result.violations).toEqual([
        { rule: 'schema', path: ['properties', 'total'], message: 'must be number' },
        { rule: 'schema', path: ['properties', 'items', 0, 'price'], message: 'must be number' },
      ]);
    });

    it('blocks a planned event without its required properties, pointing at the missing one', () => {
      const result = evaluate(planIn(mode), track('Order Completed'));
      expect(result.action).toBe('block');
      expect(result.violations).toEqual([
        {
          rule: 'schema',
          path: ['properties', 'total'],
          message: "must have required property 'total'",
        },
      ]);
    });

    it('leaves calls other than track and identify alone', () => {
      const call = { type: 'page', userId: 'u-1', properties: { anything: 1 } };
      expect(evaluate(planIn(mode), call)).toEqual({ action: 'accept', call, violations: [] });
    });
  });

  it('accepts unplanned events and properties in allow mode, reporting them', () => {
    const plan = planIn('allow');
    const unplannedEvent = evaluate(plan, track('Coupon Applied', { code: 'X' }));
    expect(unplannedEvent.action).toBe('accept');
    expect(unplannedEvent.violations).toEqual([
      expect.objectContaining({ rule: 'unplanned_event', path: ['event'] }),
    ]);
    const call = track('Order Completed', { total: 1, coupon: 'X' });
    const unplannedProperty = evaluate(plan, call);
    expect(unplannedProperty.action).toBe('accept');
    expect(unplannedProperty.call).toBe(call);
    expect(unplannedProperty.violations).toEqual([
      expect.objectContaining({ rule: 'unplanned_property', path: ['properties', 'coupon'] }),
    ]);
  });

  it('accepts unplanned events in omit mode with an unplanned_event violation', () => {
    const result = evaluate(planIn('omit'), track('Coupon Applied', { code: 'X' }));
    expect(result.action).toBe('accept');
    expect(result.call.properties).toEqual({ code: 'X' });
    expect(result.violations.map((violation) => violation.rule)).toEqual(['unplanned_event']);
  });

  it.each(['omit', 'block'] as const)(
    'drops unplanned properties in %s mode and says so',
    (mode) => {
      const result = evaluate(
        planIn(mode),
        track('Order Completed', { total: 1, coupon: 'X', 'a.b': 2 }),
      );
      expect(result.action).toBe('accept');
      expect(result.call.properties).toEqual({ total: 1 });
      expect(result.violations).toEqual([
        expect.objectContaining({ rule: 'unplanned_property', path: ['properties', 'coupon'] }),
        expect.objectContaining({ rule: 'unplanned_property', path: ['properties', 'a.b'] }),
      ]);
    },
  );

  it('validates what is left after omitting, so additionalProperties: false does not block', () => {
    const plan = compileTrackingPlan({
      mode: 'omit',
      events: { A: { type: 'object', properties: { x: {} }, additionalProperties: false } },
    });
    const result = evaluate(plan, track('A', { x: 1, y: 2 }));
    expect(result.action).toBe('accept');
    expect(result.call.properties).toEqual({ x: 1 });
  });

  it('reports additional properties at their own path in allow mode', () => {
    const plan = compileTrackingPlan({
      mode: 'allow',
      events: { A: { type: 'object', properties: { x: {} }, additionalProperties: false } },
    });
    const result = evaluate(plan, track('A', { x: 1, y: 2 }));
    expect(result.action).toBe('block');
    expect(result.violations).toContainEqual(
      expect.objectContaining({ rule: 'schema', path: ['properties', 'y'] }),
    );
  });

  it('blocks unplanned events in block mode', () => {
    const result = evaluate(planIn('block'), track('Coupon Applied'));
    expect(result.action).toBe('block');
    expect(result.violations).toEqual([
      {
        rule: 'unplanned_event',
        path: ['event'],
        message: 'event "Coupon Applied" is not in the tracking plan',
      },
    ]);
  });

  it('does not mistake inherited names like constructor for planned events', () => {
    expect(evaluate(planIn('block'), track('constructor')).action).toBe('block');
  });

  it('checks identify traits against identifyTraits, omitting unplanned traits', () => {
    const plan = planIn('omit');
    const identify = { type: 'identify', userId: 'u-1', traits: { email: 'a@b.c', shoeSize: 42 } };
    const accepted = evaluate(plan, identify);
    expect(accepted.action).toBe('accept');
    expect(accepted.call.traits).toEqual({ email: 'a@b.c' });
    const blocked = evaluate(plan, { ...identify, traits: { email: 7 } });
    expect(blocked.action).toBe('block');
    expect(blocked.violations).toEqual([
      { rule: 'schema', path: ['traits', 'email'], message: 'must be string' },
    ]);
  });

  it('does not govern identify calls when the plan has no identifyTraits', () => {
    const plan = compileTrackingPlan({ mode: 'block', events: {} });
    const identify = { type: 'identify', userId: 'u-1', traits: { anything: true } };
    expect(evaluate(plan, identify)).toEqual({ action: 'accept', call: identify, violations: [] });
  });

  it('does not modify the call it was given', () => {
    const call = track('Order Completed', { total: 1, coupon: 'X' });
    evaluate(planIn('omit'), call);
    expect(call.properties).toEqual({ total: 1, coupon: 'X' });
  });
});
