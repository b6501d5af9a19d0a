import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointError,
  checkpointPathFor,
  CheckpointStore,
  rejectsPathFor,
  type Checkpoint,
} from './checkpoint';

const checkpoint: Checkpoint = {
  version: 1,
  mapping: 'online-retail',
  file: '/data/retail.csv.gz',
  fileSize: 1234,
  groupsDone: 300,
  complete: false,
  callsAccepted: 299,
  callsRefused: 1,
  updatedAt: '2024-05-01T12:00:00.000Z',
};

describe('CheckpointStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has no checkpoint before the first save', () => {
    expect(new CheckpointStore(join(dir, 'x.json')).load()).toBeUndefined();
  });

  it('reads back what it saved, creating the directory, leaving no temporary file', () => {
    const store = new CheckpointStore(join(dir, 'nested', 'x.json'));
    store.save(checkpoint);
    store.save({ ...checkpoint, groupsDone: 400 });
    expect(store.load()).toEqual({ ...checkpoint, groupsDone: 400 });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['x.json']);
  });

  it('refuses a damaged checkpoint and says to restart', () => {
    const path = join(dir, 'x.json');
    writeFileSync(path, '{"version":1,"groupsDone":-3}');
    expect(() => new CheckpointStore(path).load()).toThrow(CheckpointError);
    expect(() => new CheckpointStore(path).load()).toThrow('run again with --restart');
  });
});

describe('checkpointPathFor', () => {
  it('names the checkpoint after the mapping and a digest of the file path and size', () => {
    const path = checkpointPathFor('/d', 'online-retail', '/data/a.csv.gz', 10);
    expect(path).toMatch(/^\/d\/online-retail-[0-9a-f]{16}\.json$/);
    expect(checkpointPathFor('/d', 'online-retail', '/data/a.csv.gz', 10)).toBe(path);
    expect(checkpointPathFor('/d', 'online-retail', '/data/a.csv.gz', 11)).not.toBe(path);
    expect(checkpointPathFor('/d', 'online-retail', '/data/b.csv.gz', 10)).not.toBe(path);
    expect(rejectsPathFor(path)).toBe(path.replace(/\.json$/, '.rejects.ndjson'));
  });
});
