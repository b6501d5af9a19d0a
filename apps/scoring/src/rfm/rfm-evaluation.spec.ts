import {
  applyEngagement,
  applyOrderCompleted,
  DEFAULT_RFM_SETTINGS,
  emptyCustomerFacts,
  exactCutsOf,
  type CustomerFacts,
} from '@meridian/rfm';
import { EMPTY_RFM, evaluateRfm, hasChanges, segmentKindOf } from './rfm-evaluation';

const DAY = 86_400_000;
const JAN_10 = Date.parse('2011-01-10T10:00:00Z');
const nothingWritten = { record: null, segments: [] };

function buyer(orders: number, revenue: number, at = JAN_10): CustomerFacts {
  let facts = emptyCustomerFacts();
  for (let index = 0; index < orders; index += 1)
    facts = applyOrderCompleted(facts, { orderId: `o-${index}`, revenue, at: at - index * DAY });
  return facts;
}

describe('evaluateRfm', () => {
  it('scores a lone first buyer 1, 1, 1: Lost, a change from nothing written', () => {
    const evaluation = evaluateRfm(
      buyer(1, 80),
      JAN_10 + 3 * DAY,
      exactCutsOf([]),
      DEFAULT_RFM_SETTINGS,
      nothingWritten,
    );
    expect(evaluation.rfm).toEqual({
      recencyDays: 3,
      frequency: 1,
      monetary: 80,
      r: 1,
      f: 1,
      m: 1,
      segment: 'Lost',
      trend: null,
    });
    expect(evaluation).toMatchObject({ entered: ['Lost'], exited: [], rfmChanged: true });
    expect(hasChanges(evaluation)).toBe(true);
  });

  it('moves a buyer between segments against the population, naming entered and exited', () => {
    const population = [
      { lastOrderAt: JAN_10 - 200 * DAY, frequency: 1, monetary: 10 },
      { lastOrderAt: JAN_10 - 100 * DAY, frequency: 1, monetary: 20 },
    ];
    const evaluation = evaluateRfm(
      buyer(3, 100),
      JAN_10,
      exactCutsOf(population),
      DEFAULT_RFM_SETTINGS,
      { record: EMPTY_RFM, segments: ['Lost'] },
    );
    expect(evaluation.rfm).toMatchObject({ r: 5, f: 5, m: 5, segment: 'Champions' });
    expect(evaluation.segments).toEqual(['Champions', 'Accelerating']);
    expect(evaluation).toMatchObject({
      entered: ['Champions', 'Accelerating'],
      exited: ['Lost'],
    });
  });

  it('has nothing to publish when the RFM and segments are as last written', () => {
    const facts = buyer(1, 80);
    const first = evaluateRfm(facts, JAN_10, exactCutsOf([]), DEFAULT_RFM_SETTINGS, nothingWritten);
    const again = evaluateRfm(facts, JAN_10, exactCutsOf([]), DEFAULT_RFM_SETTINGS, first);
    expect(hasChanges(again)).toBe(false);
  });

  it('writes nothing for a profile that only received a message', () => {
    const facts = applyEngagement(emptyCustomerFacts(), {
      channel: 'email',
      kind: 'received',
      at: JAN_10,
    });
    const evaluation = evaluateRfm(
      facts,
      JAN_10,
      exactCutsOf([]),
      DEFAULT_RFM_SETTINGS,
      nothingWritten,
    );
    expect(evaluation.rfm).toEqual(EMPTY_RFM);
    expect(hasChanges(evaluation)).toBe(false);
  });
});

describe('segmentKindOf', () => {
  it('tells the classic RFM segments from the trend segments', () => {
    expect(segmentKindOf("Can't Lose")).toBe('rfm');
    expect(segmentKindOf('Zombies')).toBe('trend');
    expect(segmentKindOf('Fading Stars')).toBe('trend');
  });
});
