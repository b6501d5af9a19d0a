import {
  decodeFloat64Base64,
  decodeUint32Base64,
  encodeFloat64Base64,
  encodeUint32Base64,
} from './binary-state';

describe('binary state encoding', () => {
  it('round-trips doubles bit for bit, including extremes', () => {
    const values = [0, -0, 1.5, -3.25e-300, Number.MAX_VALUE, Number.MIN_VALUE, Math.PI];
    const decoded = decodeFloat64Base64(encodeFloat64Base64(values), 'z');
    expect(Array.from(decoded)).toEqual(values);
    expect(Object.is(decoded[1], -0)).toBe(true);
  });

  it('round-trips unsigned 32-bit integers', () => {
    const values = [0, 1, 65_536, 0xffffffff];
    expect(Array.from(decodeUint32Base64(encodeUint32Base64(values), 'slots'))).toEqual(values);
  });

  it('writes little-endian bytes', () => {
    expect(Buffer.from(encodeUint32Base64([1]), 'base64')).toEqual(Buffer.from([1, 0, 0, 0]));
  });

  it('names the field when the text is not base64 or has a partial value', () => {
    expect(() => decodeFloat64Base64('not base64!', 'n')).toThrow('n is not valid base64');
    expect(() => decodeFloat64Base64(Buffer.alloc(12).toString('base64'), 'z')).toThrow(
      'z holds 12 bytes, not a multiple of 8',
    );
  });

  it('refuses to encode a value that is not an unsigned 32-bit integer', () => {
    expect(() => encodeUint32Base64([-1])).toThrow(RangeError);
    expect(() => encodeUint32Base64([1.5])).toThrow(RangeError);
  });
});
