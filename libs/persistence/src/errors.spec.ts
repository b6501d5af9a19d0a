import { MongoServerError } from 'mongodb';
import { DuplicateKeyError, indexNameFromMessage, translateWriteError } from './errors';

describe('translateWriteError', () => {
  it('turns a MongoDB duplicate-key error into DuplicateKeyError with the index and key', () => {
    const driverError = new MongoServerError({
      message:
        'E11000 duplicate key error collection: db.profiles index: workspace_email dup key: { email: "a" }',
      code: 11000,
      keyValue: { workspaceId: 'ws', email: 'a' },
    });
    const translated = translateWriteError('profiles', driverError);
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({
      collection: 'profiles',
      index: 'workspace_email',
      key: { workspaceId: 'ws', email: 'a' },
      cause: driverError,
    });
  });

  it('accepts the shorter FerretDB message, leaving index and key unknown', () => {
    const translated = translateWriteError(
      'profiles',
      new MongoServerError({
        message: 'E11000 duplicate key error collection: db.profiles',
        code: 11000,
      }),
    );
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({ index: undefined, key: undefined });
  });

  it('recognises FerretDB SQLite unique failures on updates, which arrive as code 1', () => {
    const translated = translateWriteError(
      'contacts',
      new MongoServerError({
        message:
          "[msg_update.go:133 handler.(*Handler).updateDocument] constraint failed: UNIQUE constraint failed: index 'contacts_cedcb8f0_workspace_email' (2067)",
        code: 1,
      }),
    );
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({ collection: 'contacts', index: 'workspace_email' });
  });

  it('returns any other error unchanged', () => {
    const internal = new MongoServerError({ message: 'something else broke', code: 1 });
    expect(translateWriteError('profiles', internal)).toBe(internal);
    const other = new MongoServerError({ message: 'not primary', code: 10107 });
    const plain = new Error('boom');
    expect(translateWriteError('profiles', other)).toBe(other);
    expect(translateWriteError('profiles', plain)).toBe(plain);
  });
});

describe('indexNameFromMessage', () => {
  it('finds the index name only when the server gives one', () => {
    expect(
      indexNameFromMessage(
        'E11000 duplicate key error collection: d.c index: by_email dup key: { }',
        'c',
      ),
    ).toBe('by_email');
    expect(indexNameFromMessage('E11000 duplicate key error collection: d.c', 'c')).toBeUndefined();
    expect(
      indexNameFromMessage("UNIQUE constraint failed: index 'other_cedcb8f0_by_email' (2067)", 'c'),
    ).toBeUndefined();
  });
});
