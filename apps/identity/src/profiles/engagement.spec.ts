import { combineEngagement, countEngagement, noEngagement } from './engagement';

describe('engagement counters', () => {
  it('counts every message status per channel, appending a channel seen first', () => {
    let engagement = countEngagement([], 'email', 'requested');
    engagement = countEngagement(engagement, 'email', 'skipped');
    engagement = countEngagement(engagement, 'push', 'sent');
    engagement = countEngagement(engagement, 'email', 'skipped');

    expect(engagement).toEqual([
      { ...noEngagement('email'), requested: 1, skipped: 2 },
      { ...noEngagement('push'), sent: 1 },
    ]);
  });

  it('combines two lists counter by counter, channels of either included', () => {
    const held = [{ ...noEngagement('email'), sent: 2, skipped: 1 }];
    const other = [
      { ...noEngagement('email'), sent: 1, opened: 1 },
      { ...noEngagement('sms'), failed: 3 },
    ];

    expect(combineEngagement(held, other, (a, b) => a + b)).toEqual([
      { ...noEngagement('email'), sent: 3, opened: 1, skipped: 1 },
      { ...noEngagement('sms'), failed: 3 },
    ]);
  });
});
