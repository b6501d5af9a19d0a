import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { decodedText, GzipFormatError, type Compression } from './decoded-text';

async function textOf(chunks: readonly Buffer[], compression?: Compression): Promise<string> {
  let text = '';
  for await (const piece of decodedText(Readable.from(chunks), compression)) text += piece;
  return text;
}

/** The buffer cut into pieces of `size` bytes, as a socket may deliver it. */
function pieces(buffer: Buffer, size: number): Buffer[] {
  const all: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) all.push(buffer.subarray(i, i + size));
  return all;
}

describe('decodedText', () => {
  const text = 'id,name\n1,Zoë 🚀\n2,Ünal\n';

  it('passes plain bytes through as text, keeping characters split across chunks whole', async () => {
    expect(await textOf(pieces(Buffer.from(text), 1))).toBe(text);
  });

  it('gunzips a body that starts with the gzip magic bytes, even when they arrive one by one', async () => {
    expect(await textOf(pieces(gzipSync(text), 1))).toBe(text);
  });

  it('gunzips when told to and leaves gzip-looking bytes alone when told there is none', async () => {
    const gzipped = gzipSync(text);
    expect(await textOf([gzipped], 'gzip')).toBe(text);
    expect(await textOf([gzipped], 'none')).toBe(gzipped.toString('utf8'));
  });

  it('reads concatenated gzip members as one text', async () => {
    expect(await textOf([gzipSync('a\n'), gzipSync('b\n')])).toBe('a\nb\n');
  });

  it('reads an empty input as no text', async () => {
    expect(await textOf([])).toBe('');
  });

  it('fails with GzipFormatError on corrupt and on truncated gzip', async () => {
    const gzipped = gzipSync(text.repeat(100));
    const corrupt = Buffer.concat([gzipped.subarray(0, 10), Buffer.alloc(40, 7)]);
    await expect(textOf([corrupt])).rejects.toBeInstanceOf(GzipFormatError);
    await expect(textOf([gzipped.subarray(0, gzipped.length - 20)])).rejects.toBeInstanceOf(
      GzipFormatError,
    );
  });

  it('passes an error of the input through as it is', async () => {
    const failure = new Error('connection reset');
    async function* failing(): AsyncGenerator<Buffer> {
      yield gzipSync('x');
      throw failure;
    }
    const read = async () => {
      for await (const piece of decodedText(failing())) void piece;
    };
    await expect(read()).rejects.toBe(failure);
  });

  it('stops pulling the input when the reader stops, and releases it', async () => {
    let pulled = 0;
    let released = false;
    async function* endless(): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          pulled += 1;
          yield Buffer.from('line\n'.repeat(1000));
        }
      } finally {
        released = true;
      }
    }
    for await (const piece of decodedText(endless(), 'none')) {
      if (piece.length > 0) break;
    }
    expect(pulled).toBeLessThanOrEqual(2);
    expect(released).toBe(true);
  });
});
