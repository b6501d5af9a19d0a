import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { independentRfm, readRetailLines, type RetailLine } from '@meridian/test-fixtures';
import {
  applyOrderCompleted,
  applyOrderRefunded,
  emptyCustomerFacts,
  type CustomerFacts,
} from './customer-facts';
import {
  emptyPopulationSketches,
  populationMemberOf,
  updatePopulation,
  type RfmPopulationMember,
} from './population-sketches';
import { rfmRecordOf } from './rfm-record';
import { exactScores, populationCutsOf, scoresFromCuts } from './rfm-scores';
import { rfmValuesOf } from './rfm-values';
import { ms } from './spec-helpers';
import { WorkspaceClock } from './workspace-clock';

/**
 * RFM on the real Online Retail data (UCI, CC BY 4.0): the library's values for every customer
 * equal a plain computation from the CSV. The file lives beside the repository, in ../shared.
 */
const REPOSITORY_ROOT = resolve(__dirname, '../../..');
const DATASET = join(REPOSITORY_ROOT, '../shared/datasets/online-retail/online-retail.csv.gz');
const AS_OF = ms('2011-12-10T00:00:00Z');

type Line = RetailLine;

const isoOf = (invoiceDate: string) => ms(`${invoiceDate.replace(' ', 'T')}Z`);

/** "2.55" → 25500 (1/10,000 of a pound), exactly as the importer's money.ts does. */
function scaledPriceOf(text: string): number {
  const [units = '0', fraction = ''] = text.replace('-', '').split('.');
  const scaled = Number(units) * 10_000 + Number(fraction.padEnd(4, '0'));
  return text.startsWith('-') ? -scaled : scaled;
}

/** A scaled amount rounded half away from zero to cents. */
const centsOfScaled = (scaled: number) =>
  Math.sign(scaled) * Math.floor((Math.abs(scaled) + 50) / 100);

interface Invoice {
  readonly invoiceNo: string;
  readonly customerId: string;
  readonly at: number;
  scaledTotal: number;
}

/**
 * The importer's mapping (libs/bulk-import/src/mappings/online-retail.ts): one event per
 * invoice; plain numbers are Order Completed with revenue Σ quantity × price, C-prefixed ones
 * Order Refunded with revenue Σ |quantity| × price, rounded to cents; A-prefixed skipped.
 * Lines without CustomerID are left out (anonymous invoices are no customer's RFM).
 */
function feedTheLibrary(lines: readonly Line[]) {
  const invoices = new Map<string, Invoice>();
  for (const line of lines) {
    if (line.customerId === '' || line.invoiceNo.startsWith('A')) continue;
    const quantity = line.invoiceNo.startsWith('C') ? Math.abs(line.quantity) : line.quantity;
    const invoice = invoices.get(line.invoiceNo) ?? {
      invoiceNo: line.invoiceNo,
      customerId: line.customerId,
      at: isoOf(line.invoiceDate),
      scaledTotal: 0,
    };
    invoice.scaledTotal += quantity * scaledPriceOf(line.unitPrice);
    invoices.set(line.invoiceNo, invoice);
  }
  const facts = new Map<string, CustomerFacts>();
  const clock = new WorkspaceClock('replay', () => Number.NaN);
  for (const invoice of invoices.values()) {
    const event = {
      orderId: invoice.invoiceNo,
      revenue: centsOfScaled(invoice.scaledTotal) / 100,
      at: invoice.at,
    };
    const before = facts.get(invoice.customerId) ?? emptyCustomerFacts();
    const after = invoice.invoiceNo.startsWith('C')
      ? applyOrderRefunded(before, event)
      : applyOrderCompleted(before, event);
    facts.set(invoice.customerId, after);
    clock.observe(invoice.at);
  }
  return { facts, clock };
}

const available = existsSync(DATASET);
if (!available) {
  console.warn(`online-retail.spec: skipped, the dataset is not at ${DATASET}`);
}

(available ? describe : describe.skip)('RFM on the Online Retail replay', () => {
  let lines: Line[] = [];
  let fed: ReturnType<typeof feedTheLibrary>;

  beforeAll(async () => {
    lines = await readRetailLines(DATASET);
    fed = feedTheLibrary(lines);
  });

  it('reads every line of the file', () => {
    expect(lines).toHaveLength(541_909);
  });

  it('gives every customer the recency, frequency and monetary of a plain computation', () => {
    const expected = new Map(
      [...independentRfm(lines, AS_OF)].map(([id, { recencyDays, frequency, monetary }]) => [
        id,
        { recencyDays, frequency, monetary },
      ]),
    );
    expect(fed.facts.size).toBe(expected.size);
    const mismatches: string[] = [];
    for (const [customerId, facts] of fed.facts) {
      const { recencyDays, frequency, monetary } = rfmValuesOf(facts, AS_OF);
      const actual = { recencyDays, frequency, monetary };
      const wanted = expected.get(customerId);
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
        mismatches.push(`${customerId}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(expected.size).toBeGreaterThanOrEqual(4_372);
  });

  it('gives 12347 2 days, 7 orders, 4,310.00 and 12346 325 days, 1 order, 0.00', () => {
    const values = (id: string) => {
      const { recencyDays, frequency, monetary } = rfmValuesOf(
        fed.facts.get(id) ?? emptyCustomerFacts(),
        AS_OF,
      );
      return { recencyDays, frequency, monetary };
    };
    expect(values('12347')).toEqual({ recencyDays: 2, frequency: 7, monetary: 4310 });
    expect(values('12346')).toEqual({ recencyDays: 325, frequency: 1, monetary: 0 });
  });

  it('puts the replay clock at the last invoice of 2011, not today', () => {
    expect(fed.clock.now()).toBe(ms('2011-12-09T12:50:00Z'));
    const champion = fed.facts.get('12347') ?? emptyCustomerFacts();
    expect(rfmValuesOf(champion, fed.clock.now()).recencyDays).toBe(1);
  });

  it('scores incrementally as the exact recomputation does, except within 1 % of a cut', () => {
    let sketches = emptyPopulationSketches();
    const members: RfmPopulationMember[] = [];
    for (const facts of fed.facts.values()) {
      const member = populationMemberOf(facts);
      if (member === null) continue;
      sketches = updatePopulation(sketches, null, member);
      members.push(member);
    }
    const cuts = populationCutsOf(sketches);
    const exact = exactScores(members);
    let differing = 0;
    members.forEach((member, i) => {
      const incremental = scoresFromCuts(member, cuts);
      const wanted = exact[i];
      expect(incremental.r).toBe(wanted?.r);
      if (incremental.f !== wanted?.f || incremental.m !== wanted.m) differing++;
    });
    expect(differing).toBeLessThan(members.length * 0.01);
    const champion = fed.facts.get('12347') ?? emptyCustomerFacts();
    expect(rfmRecordOf(champion, AS_OF, cuts)).toMatchObject({ r: 5, segment: 'Champions' });
  });
});
