import { testInfra, uniqueNamespace } from '@meridian/testing';
import { BaseRepository } from './base-repository';
import { defineCollection } from './collections';
import { dropDatabase, openDatabase, type DatabaseHandle } from './connection';
import { ensureCollections } from './ensure-collections';
import { DuplicateKeyError, WorkspaceScopeError } from './errors';

// Jest applies only the global testTimeout, not the preset's per-project one.
jest.setTimeout(30_000);

interface Contact {
  workspaceId: string;
  email: string;
  name?: string;
  visits?: number;
  createdBy?: string;
}

const contacts = defineCollection({
  name: 'contacts',
  indexes: [{ name: 'workspace_email', key: { workspaceId: 1, email: 1 }, unique: true }],
});

describe('BaseRepository on a real server', () => {
  const { mongoUrl } = testInfra();
  const database = uniqueNamespace('repo');
  let handle: DatabaseHandle;
  let repository: BaseRepository<Contact>;

  beforeAll(async () => {
    handle = await openDatabase(mongoUrl, database);
    await ensureCollections(handle.db, [contacts]);
    repository = new BaseRepository<Contact>(handle.db, contacts);
  });

  afterAll(async () => {
    await handle.close();
    await dropDatabase(mongoUrl, database);
  });

  beforeEach(async () => {
    await repository.deleteMany('ws_a');
    await repository.deleteMany('ws_b');
  });

  it('never shows a document of workspace A to workspace B, whatever the filter', async () => {
    await repository.insertOne('ws_a', {
      workspaceId: 'ws_a',
      email: 'ann@example.com',
      name: 'Ann',
    });

    expect(await repository.findOne('ws_a', { email: 'ann@example.com' })).toMatchObject({
      name: 'Ann',
    });
    expect(await repository.findOne('ws_b', { email: 'ann@example.com' })).toBeNull();
    expect(
      await repository.findOne('ws_b', { $or: [{ email: 'ann@example.com' }, { name: 'Ann' }] }),
    ).toBeNull();
    expect(await repository.find('ws_b')).toEqual([]);
    expect(await repository.count('ws_b')).toBe(0);
    expect(await repository.count('ws_a')).toBe(1);
  });

  it('looks documents up by id alone yet never shows one of another workspace', async () => {
    const keyed = new BaseRepository<{ _id: string; workspaceId: string; email: string }>(
      handle.db,
      'keyed',
    );
    await keyed.insertOne('ws_a', { _id: 'a1', workspaceId: 'ws_a', email: 'a1@example.com' });
    await keyed.insertOne('ws_a', { _id: 'a2', workspaceId: 'ws_a', email: 'a2@example.com' });
    await keyed.insertOne('ws_b', { _id: 'b1', workspaceId: 'ws_b', email: 'b1@example.com' });

    expect(await keyed.findOne('ws_a', { _id: 'a1' })).toMatchObject({ email: 'a1@example.com' });
    expect(await keyed.findOne('ws_a', { _id: 'b1' })).toBeNull();
    expect(await keyed.findOne('ws_b', { _id: 'b1' })).toMatchObject({ email: 'b1@example.com' });
    const found = await keyed.find('ws_a', { _id: { $in: ['a1', 'b1', 'a2', 'a1', 'none'] } });
    expect(found.map((document) => document._id).sort()).toEqual(['a1', 'a2']);
  });

  it('never updates or deletes a document of another workspace', async () => {
    await repository.insertOne('ws_a', {
      workspaceId: 'ws_a',
      email: 'ann@example.com',
      name: 'Ann',
    });

    const update = await repository.updateOne(
      'ws_b',
      { email: 'ann@example.com' },
      { $set: { name: 'Mallory' } },
    );
    const found = await repository.findOneAndUpdate(
      'ws_b',
      { email: 'ann@example.com' },
      { $set: { name: 'Mallory' } },
    );
    const deleted = await repository.deleteMany('ws_b', { email: 'ann@example.com' });

    expect(update).toEqual({ matchedCount: 0, modifiedCount: 0, upserted: false });
    expect(found).toBeNull();
    expect(deleted).toBe(0);
    expect(await repository.findOne('ws_a', { email: 'ann@example.com' })).toMatchObject({
      name: 'Ann',
    });
  });

  it('refuses to insert a document into another workspace', async () => {
    await expect(
      repository.insertOne('ws_b', { workspaceId: 'ws_a', email: 'x@example.com' }),
    ).rejects.toThrow(WorkspaceScopeError);
    expect(await repository.count('ws_a')).toBe(0);
  });

  it('upserts into the call workspace: the same key in two workspaces makes two documents', async () => {
    const first = await repository.updateOne(
      'ws_a',
      { email: 'bob@example.com' },
      { $set: { name: 'Bob A' } },
      { upsert: true },
    );
    const second = await repository.updateOne(
      'ws_b',
      { email: 'bob@example.com' },
      { $set: { name: 'Bob B' } },
      { upsert: true },
    );

    expect(first.upserted).toBe(true);
    expect(second.upserted).toBe(true);
    expect(await repository.findOne('ws_a', { email: 'bob@example.com' })).toMatchObject({
      workspaceId: 'ws_a',
      name: 'Bob A',
    });
    expect(await repository.findOne('ws_b', { email: 'bob@example.com' })).toMatchObject({
      workspaceId: 'ws_b',
      name: 'Bob B',
    });
  });

  it('findOneAndUpdate returns the document as it is after the update, upserting when asked', async () => {
    const created = await repository.findOneAndUpdate(
      'ws_a',
      { email: 'cy@example.com' },
      { $inc: { visits: 1 }, $setOnInsert: { createdBy: 'test' } },
      { upsert: true },
    );
    const updated = await repository.findOneAndUpdate(
      'ws_a',
      { email: 'cy@example.com' },
      { $inc: { visits: 1 } },
    );

    expect(created).toMatchObject({
      workspaceId: 'ws_a',
      email: 'cy@example.com',
      visits: 1,
      createdBy: 'test',
    });
    expect(updated).toMatchObject({ visits: 2, createdBy: 'test' });
    expect(updated?._id).toEqual(created?._id);
  });

  it('finds with sort, skip and limit', async () => {
    for (const [email, visits] of [
      ['a@x.io', 3],
      ['b@x.io', 1],
      ['c@x.io', 2],
      ['d@x.io', 5],
    ] as const) {
      await repository.insertOne('ws_a', { workspaceId: 'ws_a', email, visits });
    }
    await repository.insertOne('ws_b', { workspaceId: 'ws_b', email: 'z@x.io', visits: 9 });

    const page = await repository.find(
      'ws_a',
      { visits: { $gte: 2 } },
      { sort: { visits: -1 }, skip: 1, limit: 2 },
    );

    expect(page.map((contact) => contact.email)).toEqual(['a@x.io', 'c@x.io']);
  });

  it('surfaces a unique-index violation as DuplicateKeyError from insert, upsert and findOneAndUpdate', async () => {
    await repository.insertOne('ws_a', { workspaceId: 'ws_a', email: 'dup@example.com' });
    await repository.insertOne('ws_a', { workspaceId: 'ws_a', email: 'other@example.com' });

    const insert = repository.insertOne('ws_a', { workspaceId: 'ws_a', email: 'dup@example.com' });
    await expect(insert).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(insert).rejects.toMatchObject({ collection: 'contacts' });
    await expect(
      repository.updateOne(
        'ws_a',
        { email: 'other@example.com' },
        { $set: { email: 'dup@example.com' } },
      ),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(
      repository.findOneAndUpdate(
        'ws_a',
        { email: 'other@example.com' },
        { $set: { email: 'dup@example.com' } },
      ),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    // The unique index is per workspace: the same email is fine elsewhere.
    await expect(
      repository.insertOne('ws_b', { workspaceId: 'ws_b', email: 'dup@example.com' }),
    ).resolves.toBeDefined();
  });
  it('updates a document by id only while it holds the guard, and never one of another workspace', async () => {
    const guarded = new BaseRepository<Contact & { _id: string }>(handle.db, contacts);
    await guarded.insertOne('ws_a', {
      _id: 'guarded-1',
      workspaceId: 'ws_a',
      email: 'gus@example.com',
      visits: 1,
    });

    const first = await guarded.updateIfUnchanged(
      'ws_a',
      { _id: 'guarded-1', visits: 1 },
      { $set: { visits: 2, name: 'Gus' } },
    );
    const stale = await guarded.updateIfUnchanged(
      'ws_a',
      { _id: 'guarded-1', visits: 1 },
      { $set: { visits: 3, name: 'Stale' } },
    );
    const foreign = await guarded.updateIfUnchanged(
      'ws_b',
      { _id: 'guarded-1', visits: 2 },
      { $set: { name: 'Mallory' } },
    );
    const missing = await guarded.updateIfUnchanged(
      'ws_a',
      { _id: 'guarded-2', visits: 1 },
      { $set: { name: 'Nobody' } },
    );

    expect([first, stale, foreign, missing]).toEqual([true, false, false, false]);
    expect(await guarded.findOne('ws_a', { _id: 'guarded-1' })).toMatchObject({
      visits: 2,
      name: 'Gus',
    });
    expect(await guarded.count('ws_a', { _id: 'guarded-2' })).toBe(0);
  });
});
