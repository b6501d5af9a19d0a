import {
  createContextKey,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  LEAN_ROOT_CONTEXT,
  LeanContext,
  LeanContextManager,
  LeanRootPropagator,
} from './lean-context';

const PLAN = createContextKey('plan');
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('LeanContext', () => {
  it('leaves a context unchanged when a value is set or deleted on it', () => {
    const withPlan = LEAN_ROOT_CONTEXT.setValue(PLAN, 'pro');
    const withoutPlan = withPlan.deleteValue(PLAN);

    expect(LEAN_ROOT_CONTEXT.getValue(PLAN)).toBeUndefined();
    expect(withPlan.getValue(PLAN)).toBe('pro');
    expect(withoutPlan.getValue(PLAN)).toBeUndefined();
    expect(withoutPlan).toBeInstanceOf(LeanContext);
  });
});

describe('LeanContextManager', () => {
  const manager = new LeanContextManager();

  it('answers the lean root outside any context and the given context inside one', () => {
    const withPlan = LEAN_ROOT_CONTEXT.setValue(PLAN, 'pro');

    expect(manager.active()).toBe(LEAN_ROOT_CONTEXT);
    expect(manager.with(withPlan, () => manager.active().getValue(PLAN))).toBe('pro');
    expect(manager.with(ROOT_CONTEXT, () => manager.active())).toBe(LEAN_ROOT_CONTEXT);
  });
});

describe('LeanRootPropagator', () => {
  const propagator = new LeanRootPropagator(new W3CTraceContextPropagator());

  it('extracts a remote parent into a lean context when asked to extract into the API root', () => {
    const extracted = propagator.extract(
      ROOT_CONTEXT,
      { traceparent: TRACEPARENT },
      defaultTextMapGetter,
    );

    expect(extracted).toBeInstanceOf(LeanContext);
    expect(trace.getSpanContext(extracted)).toEqual(
      expect.objectContaining({ traceId: '0af7651916cd43dd8448eb211c80319c', isRemote: true }),
    );
  });

  it('injects what the wrapped propagator injects', () => {
    const extracted = propagator.extract(
      LEAN_ROOT_CONTEXT,
      { traceparent: TRACEPARENT },
      defaultTextMapGetter,
    );
    const carrier: Record<string, string> = {};

    propagator.inject(extracted, carrier, defaultTextMapSetter);

    expect(carrier).toEqual({ traceparent: TRACEPARENT });
    expect(propagator.fields()).toEqual(['traceparent', 'tracestate']);
  });
});
