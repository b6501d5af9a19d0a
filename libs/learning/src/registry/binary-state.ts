/**
 * Numeric arrays as base64 text, so that a model's state is a flat document MongoDB stores
 * without nested arrays and JSON carries without losing a bit of a float. The bytes are
 * little-endian whatever the platform, so a state written on one machine loads on another.
 */
export function encodeFloat64Base64(values: ArrayLike<number>): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let index = 0; index < values.length; index++) {
    bytes.writeDoubleLE(values[index] ?? 0, index * 8);
  }
  return bytes.toString('base64');
}

export function decodeFloat64Base64(text: string, field: string): Float64Array {
  const bytes = decodeBase64(text, field, 8);
  const values = new Float64Array(bytes.length / 8);
  for (let index = 0; index < values.length; index++) values[index] = bytes.readDoubleLE(index * 8);
  return values;
}

export function encodeUint32Base64(values: ArrayLike<number>): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? 0;
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`cannot encode ${value} as an unsigned 32-bit integer`);
    }
    bytes.writeUInt32LE(value, index * 4);
  }
  return bytes.toString('base64');
}

export function decodeUint32Base64(text: string, field: string): Uint32Array {
  const bytes = decodeBase64(text, field, 4);
  const values = new Uint32Array(bytes.length / 4);
  for (let index = 0; index < values.length; index++) values[index] = bytes.readUInt32LE(index * 4);
  return values;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(text: string, field: string, width: number): Buffer {
  // Buffer.from silently skips characters that are not base64; a corrupt state must not load.
  if (!BASE64.test(text)) throw new RangeError(`${field} is not valid base64`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % width !== 0) {
    throw new RangeError(`${field} holds ${bytes.length} bytes, not a multiple of ${width}`);
  }
  return bytes;
}
