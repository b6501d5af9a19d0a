import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { BaseRepository } from './base-repository';
import { defineCollection } from './collections';
import { dropDatabase, openDatabase } from './connection';
import type { Database } from './driver-types';
import { MongoHealthIndicator } from './mongo-health.indicator';
import { PersistenceModule } from './persistence.module';
import { InjectDatabase } from './tokens';

// Jest applies only the global testTimeout, not the preset's per-project one.
jest.setTimeout(30_000);

interface Note {
  workspaceId: string;
  text: string;
}

const notes = defineCollection({
  name: 'notes',
  indexes: [{ name: 'workspace_text', key: { workspaceId: 1, text: 1 } }],
});

@Injectable()
class NoteRepository extends BaseRepository<Note> {
  constructor(@InjectDatabase() db: Database) {
    super(db, notes);
  }
}

function appModule(mongoUrl: string, database: string) {
  @Module({
    imports: [
      PersistenceModule.forRoot({ mongoUrl, database, serverSelectionTimeoutMs: 1_000 }),
      PersistenceModule.forFeature({ collections: [notes], repositories: [NoteRepository] }),
    ],
  })
  class AppModule {}
  return AppModule;
}

describe('PersistenceModule', () => {
  const { mongoUrl } = testInfra();
  const database = uniqueNamespace('module');
  let app: INestApplicationContext;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(appModule(mongoUrl, database), {
      logger: false,
    });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await dropDatabase(mongoUrl, database);
  });

  it('creates the feature collections with their indexes on start-up', async () => {
    const outside = await openDatabase(mongoUrl, database);
    try {
      const names = (await outside.db.collection('notes').listIndexes().toArray()).map(
        (index) => index.name,
      );
      expect(names.sort()).toEqual(['_id_', 'workspace_text']);
    } finally {
      await outside.close();
    }
  });

  it('provides repositories on the connected database', async () => {
    const repository = app.get(NoteRepository);
    await repository.insertOne('ws', { workspaceId: 'ws', text: 'hello' });
    expect(await repository.find('ws')).toEqual([expect.objectContaining({ text: 'hello' })]);
  });

  it('provides a health indicator that answers while the server is reachable', async () => {
    const indicator = app.get(MongoHealthIndicator);
    expect(indicator.name).toBe('mongodb');
    await expect(indicator.check()).resolves.toBeUndefined();
  });

  it('fails start-up when the server cannot be reached', async () => {
    const start = NestFactory.createApplicationContext(
      appModule('mongodb://127.0.0.1:1', uniqueNamespace('down')),
      {
        logger: false,
        abortOnError: false,
      },
    );
    await expect(start).rejects.toThrow();
  });

  it('closes the client on shutdown, so the health check fails afterwards', async () => {
    const other = await NestFactory.createApplicationContext(appModule(mongoUrl, database), {
      logger: false,
    });
    const indicator = other.get(MongoHealthIndicator);
    await other.close();
    await expect(indicator.check()).rejects.toThrow();
  });
});
