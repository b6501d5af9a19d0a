import { EMPTY_DIGEST } from './group-digest';
import { ImportTally, MAX_REFUSED_SAMPLES } from './import-tally';

describe('ImportTally', () => {
  it('starts at nothing durable with the empty digest', () => {
    expect(new ImportTally().progress()).toEqual({
      bytesReceived: 0,
      rowsRead: 0,
      rowsSkipped: 0,
      callsAccepted: 0,
      callsRefused: 0,
      refusedByCode: {},
      refusedSamples: [],
      skipped: [],
      lastDurableRow: 0,
      durableDigest: EMPTY_DIGEST,
    });
  });

  it('counts every refusal by code but keeps only the first ones as samples', () => {
    const tally = new ImportTally();
    for (let row = 2; row < MAX_REFUSED_SAMPLES + 12; row += 1) {
      tally.refused({ row, code: row % 2 === 0 ? 'MALFORMED_ROW' : 'INVALID_FIELD', message: 'x' });
    }
    const progress = tally.progress();
    expect(progress.callsRefused).toBe(MAX_REFUSED_SAMPLES + 10);
    expect(progress.refusedByCode).toEqual({ MALFORMED_ROW: 55, INVALID_FIELD: 55 });
    expect(progress.refusedSamples).toHaveLength(MAX_REFUSED_SAMPLES);
    expect(progress.refusedSamples[0]).toEqual({ row: 2, code: 'MALFORMED_ROW', message: 'x' });
  });

  it('groups skipped groups by reason', () => {
    const tally = new ImportTally();
    tally.skippedGroup('adjustment');
    tally.skippedGroup('adjustment');
    tally.skippedGroup('test order');
    expect(tally.progress().skipped).toEqual([
      { reason: 'adjustment', groups: 2 },
      { reason: 'test order', groups: 1 },
    ]);
  });

  it('never moves the durable point back', () => {
    const tally = new ImportTally({ lastDurableRow: 10, durableDigest: 'a' });
    tally.durableThrough({ lastDurableRow: 8, durableDigest: 'b' });
    expect(tally.progress()).toMatchObject({ lastDurableRow: 10, durableDigest: 'a' });
    tally.durableThrough({ lastDurableRow: 20, durableDigest: 'c' });
    expect(tally.progress()).toMatchObject({ lastDurableRow: 20, durableDigest: 'c' });
  });

  it('hands out copies: a saved progress does not change as counting goes on', () => {
    const tally = new ImportTally();
    const before = tally.progress();
    tally.refused({ row: 2, code: 'MALFORMED_ROW', message: 'x' });
    expect(before.refusedSamples).toEqual([]);
  });
});
