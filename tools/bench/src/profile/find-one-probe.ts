import { BaseRepository, openDatabase } from '@meridian/persistence';
import { workerMain } from '../worker-main';
import { runClosedLoop } from './load';
import { FindOneProbeInput } from './protocol';

/** A stored profile, as far as this probe reads it. */
interface StoredProfile {
  readonly _id: string;
  readonly workspaceId: string;
}

// Worker process of the profile benchmark's store baseline: reads the hot profile's document
// by id with the persistence lib (what a profile read costs without the cache, before any
// parsing or HTTP) and prints the latency of the reads, one after the other (a closed loop:
// on FerretDB a read takes too long to hold the HTTP phases' rate).
workerMain(FindOneProbeInput, async (input) => {
  const handle = await openDatabase(input.mongoUrl, input.database, {
    appName: 'meridian-bench-find-one',
  });
  try {
    const profiles = new BaseRepository<StoredProfile>(handle.db, 'profiles');
    return await runClosedLoop(input, async () => {
      const document = await profiles.findOne(input.workspaceId, { _id: input.profileId });
      if (document === null) throw new Error(`profile ${input.profileId} is not stored`);
      return Buffer.byteLength(JSON.stringify(document));
    });
  } finally {
    await handle.close();
  }
});
