import { formatProvisionReport } from './provision';

describe('formatProvisionReport', () => {
  it('lists what changed and totals everything, leaving unchanged resources out of the list', () => {
    const lines = formatProvisionReport(
      {
        namespace: 'meridian',
        changes: [
          { kind: 'stream', name: 'MERIDIAN_INGEST', action: 'created' },
          { kind: 'stream', name: 'MERIDIAN_EVENTS', action: 'unchanged' },
          { kind: 'consumer', name: 'MERIDIAN_MESSAGES/sender-email', action: 'updated' },
        ],
      },
      8,
    );

    expect(lines).toEqual([
      'Namespace "meridian" (8 partitions):',
      '  created   stream   MERIDIAN_INGEST',
      '  updated   consumer MERIDIAN_MESSAGES/sender-email',
      '2 streams, 1 consumers: 1 created, 1 updated, 1 unchanged',
    ]);
  });
});
