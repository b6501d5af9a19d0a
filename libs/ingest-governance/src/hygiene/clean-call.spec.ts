import { SegmentTrack } from '@meridian/contracts';
import { cleanCall, isPhoneRegion, type CleanResult } from './clean-call';
import { MAX_NESTING_DEPTH } from './storable-json';

const base = {
  type: 'track',
  messageId: 'm-1',
  userId: 'u-1',
  event: 'Order Completed',
  timestamp: '2026-03-01T12:00:00.000Z',
  receivedAt: '2026-03-01T12:00:01.000Z',
};

function cleaned<C>(result: CleanResult<C>): C {
  if (!result.ok) throw new Error(`expected a clean call, got ${JSON.stringify(result.refusal)}`);
  return result.call;
}

function refusalOf<C>(result: CleanResult<C>) {
  if (result.ok) throw new Error('expected a refusal');
  return result.refusal;
}

/** { a: { a: … { a: 1 } } } with `levels` objects. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('cleanCall', () => {
  it('trims strings at every depth of properties, traits and context, but not ids', () => {
    const call = cleaned(
      cleanCall({
        ...base,
        userId: ' u-1 ',
        properties: { sku: ' A1 ', items: [{ name: '  hat' }] },
        traits: { name: 'Ada  ' },
        context: { page: { title: ' Home ' } },
      }),
    );
    expect(call.properties).toEqual({ sku: 'A1', items: [{ name: 'hat' }] });
    expect(call.traits).toEqual({ name: 'Ada' });
    expect(call.context).toEqual({ page: { title: 'Home' } });
    expect(call.userId).toBe(' u-1 ');
  });

  it('lowercases emails in traits, context.traits and properties only', () => {
    const call = cleaned(
      cleanCall({
        ...base,
        traits: { email: ' Ada@Example.COM ', name: 'Ada' },
        context: { traits: { email: 'ADA@example.com' } },
        properties: { email: 'Ada@Example.com', coupon: 'SPRING' },
      }),
    );
    expect(call.traits).toEqual({ email: 'ada@example.com', name: 'Ada' });
    expect(call.context).toEqual({ traits: { email: 'ada@example.com' } });
    expect(call.properties).toEqual({ email: 'ada@example.com', coupon: 'SPRING' });
  });

  it('reads national phone numbers in the country of context.locale', () => {
    const call = cleaned(
      cleanCall({
        ...base,
        traits: { phone: '030 1234567' },
        context: { locale: 'de-DE', traits: { phone: '(030) 123-4567' } },
      }),
    );
    expect(call.traits).toEqual({ phone: '+49301234567' });
    expect(call.context).toMatchObject({ traits: { phone: '+49301234567' } });
  });

  it('falls back to the configured region when the locale names no country', () => {
    const call = cleaned(
      cleanCall(
        { ...base, traits: { phone: '(415) 555-2671' }, context: { locale: 'en' } },
        { defaultPhoneRegion: 'US' },
      ),
    );
    expect(call.traits).toEqual({ phone: '+14155552671' });
  });

  it('accepts international phone numbers without any region', () => {
    const call = cleaned(cleanCall({ ...base, traits: { phone: '+44 20 7946 0958' } }));
    expect(call.traits).toEqual({ phone: '+442079460958' });
  });

  it.each([
    ['a national number without a region', '(415) 555-2671', {}],
    ['text', 'call me maybe', { defaultPhoneRegion: 'US' as const }],
    ['too few digits', '12', { defaultPhoneRegion: 'US' as const }],
  ])('refuses %s with INVALID_PHONE', (_case, phone, options) => {
    const refusal = refusalOf(cleanCall({ ...base, traits: { phone } }, options));
    expect(refusal).toMatchObject({ code: 'INVALID_PHONE', path: ['traits', 'phone'] });
  });

  it('refuses a phone sent as a number, and keeps null or empty phones', () => {
    expect(refusalOf(cleanCall({ ...base, traits: { phone: 4155552671 } })).code).toBe(
      'INVALID_PHONE',
    );
    const call = cleaned(
      cleanCall({ ...base, traits: { phone: null }, context: { traits: { phone: ' ' } } }),
    );
    expect(call.traits).toEqual({ phone: null });
    expect(call.context).toEqual({ traits: { phone: '' } });
  });

  it('normalises client timestamps to UTC with Z and leaves absent ones absent', () => {
    const call = cleaned(
      cleanCall({
        ...base,
        timestamp: '2026-03-01T14:00:00+02:00',
        originalTimestamp: '2026-03-01T12:00:00.123456Z',
      }),
    );
    expect(call.timestamp).toBe('2026-03-01T12:00:00.000Z');
    expect(call.originalTimestamp).toBe('2026-03-01T12:00:00.123Z');
    expect(call).not.toHaveProperty('sentAt');
  });

  it('keeps a timestamp already in the stored form as it is', () => {
    const call = cleaned(cleanCall({ ...base, sentAt: ' 2028-02-29T23:59:59.999Z ' }));

    expect(call.sentAt).toBe('2028-02-29T23:59:59.999Z');
  });

  it.each([
    'yesterday',
    '2026-03-01',
    '2026-03-01T12:00:00',
    1772366400000,
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00.000Z',
    '2026-03-01T24:00:00.000Z',
  ])('refuses the timestamp %j with INVALID_TIMESTAMP', (sentAt) => {
    expect(refusalOf(cleanCall({ ...base, sentAt }))).toMatchObject({
      code: 'INVALID_TIMESTAMP',
      path: ['sentAt'],
    });
  });

  it('escapes keys MongoDB cannot store in properties, traits, context and integrations', () => {
    const call = cleaned(
      cleanCall({
        ...base,
        properties: { 'order.id': 'o-1', nested: { $price: 3 } },
        traits: { 'a.b': 1 },
        context: { 'x.y': true },
        integrations: { 'Segment.io': false },
      }),
    );
    expect(call.properties).toEqual({ 'order%2Eid': 'o-1', nested: { '%24price': 3 } });
    expect(call.traits).toEqual({ 'a%2Eb': 1 });
    expect(call.context).toEqual({ 'x%2Ey': true });
    expect(call.integrations).toEqual({ 'Segment%2Eio': false });
  });

  it('leaves keys as sent when asked not to escape them', () => {
    const call = cleaned(
      cleanCall({ ...base, properties: { 'order.id': 'o-1' } }, { escapeKeys: false }),
    );
    expect(call.properties).toEqual({ 'order.id': 'o-1' });
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('refuses %s with NON_FINITE_NUMBER and says where', (_name, value) => {
    expect(
      refusalOf(cleanCall({ ...base, properties: { cart: [{ price: value }] } })),
    ).toMatchObject({
      code: 'NON_FINITE_NUMBER',
      path: ['properties', 'cart', 0, 'price'],
    });
  });

  it('refuses NUL characters in values, keys and ids with NUL_CHARACTER', () => {
    expect(refusalOf(cleanCall({ ...base, properties: { note: 'a\u0000b' } }))).toMatchObject({
      code: 'NUL_CHARACTER',
      path: ['properties', 'note'],
    });
    expect(refusalOf(cleanCall({ ...base, traits: { 'a\u0000': 1 } })).code).toBe('NUL_CHARACTER');
    expect(refusalOf(cleanCall({ ...base, userId: 'u\u0000' })).path).toEqual(['userId']);
  });

  it(`accepts ${MAX_NESTING_DEPTH} levels of nesting and refuses one more with TOO_DEEP`, () => {
    // The call is level 1, so properties and the objects inside it may be MAX − 1 levels.
    expect(cleanCall({ ...base, properties: nested(MAX_NESTING_DEPTH - 1) }).ok).toBe(true);
    const refusal = refusalOf(cleanCall({ ...base, properties: nested(MAX_NESTING_DEPTH) }));
    expect(refusal.code).toBe('TOO_DEEP');
    expect(refusal.path).toHaveLength(MAX_NESTING_DEPTH);
  });

  it('stops at TOO_DEEP on a cyclic object instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(refusalOf(cleanCall({ ...base, properties: cyclic })).code).toBe('TOO_DEEP');
  });

  it('refuses arrays directly inside arrays with NESTED_ARRAY, but not arrays in objects in arrays', () => {
    expect(refusalOf(cleanCall({ ...base, properties: { grid: [[1, 2]] } }))).toMatchObject({
      code: 'NESTED_ARRAY',
      path: ['properties', 'grid', 0],
    });
    expect(cleanCall({ ...base, properties: { rows: [{ cells: [1, 2] }] } }).ok).toBe(true);
  });

  it.each([
    ['a Date', new Date(0)],
    ['a bigint', 10n],
    ['a Map', new Map()],
    ['undefined in an array', [undefined]],
  ])('refuses %s with UNSUPPORTED_VALUE', (_name, value) => {
    expect(refusalOf(cleanCall({ ...base, properties: { value } })).code).toBe('UNSUPPORTED_VALUE');
  });

  it('keeps a __proto__ key sent by the client as an ordinary property', () => {
    const properties: unknown = JSON.parse('{"__proto__": {"plan": " pro "}, "x": 1}');

    const call = cleaned(cleanCall({ ...base, properties }));

    expect(Object.getPrototypeOf(call.properties)).toBe(Object.prototype);
    expect(JSON.stringify(call.properties)).toBe('{"__proto__":{"plan":"pro"},"x":1}');
  });

  it('drops object keys whose value is undefined, as JSON would', () => {
    const call = cleaned(cleanCall({ ...base, properties: { kept: 1, gone: undefined } }));
    expect(call.properties).toEqual({ kept: 1 });
  });

  it('does not modify the call it was given', () => {
    const call = { ...base, properties: { 'a.b': ' x ' }, traits: { email: 'A@B.C' } };
    const copy = structuredClone(call);
    cleanCall(call);
    expect(call).toEqual(copy);
  });

  it('keeps the type of a parsed SegmentCall', () => {
    const track = SegmentTrack.parse({ ...base, type: 'track', properties: { 'a.b': 1 } });
    const result = cleanCall(track);
    const call: SegmentTrack = cleaned(result);
    expect(SegmentTrack.parse(call).properties).toEqual({ 'a%2Eb': 1 });
  });

  it('knows which phone regions exist', () => {
    expect(isPhoneRegion('DE')).toBe(true);
    expect(isPhoneRegion('XX')).toBe(false);
    expect(isPhoneRegion(49)).toBe(false);
  });
});
