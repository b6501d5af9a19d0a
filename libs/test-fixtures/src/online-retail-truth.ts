import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One line of the Online Retail CSV, parsed plainly (nothing shared with the importer). */
export interface RetailLine {
  readonly invoiceNo: string;
  readonly quantity: number;
  /** "YYYY-MM-DD HH:MM:SS", UTC. */
  readonly invoiceDate: string;
  /** As written, e.g. "2.55". */
  readonly unitPrice: string;
  /** "17850.0" → "17850"; "" when the line has no customer. */
  readonly customerId: string;
}

/** What a customer's RFM must be, computed from the lines alone. */
export interface ExpectedRfm {
  readonly recencyDays: number | null;
  readonly frequency: number;
  readonly monetary: number;
  /** The customer's invoices, orders and cancellations. */
  readonly invoices: number;
}

/** Every line of the (gzipped) CSV after its header. */
export async function readRetailLines(file: string): Promise<RetailLine[]> {
  const lines: RetailLine[] = [];
  const input = createReadStream(file).pipe(createGunzip());
  let header = true;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    if (header || text === '') {
      header = false;
      continue;
    }
    const [invoiceNo = '', , , quantity = '', invoiceDate = '', unitPrice = '', customer = ''] =
      csvFields(text);
    lines.push({
      invoiceNo,
      quantity: Number(quantity),
      invoiceDate,
      unitPrice,
      customerId: customer.replace(/\.0$/, ''),
    });
  }
  return lines;
}

/**
 * The RFM of every customer as of `asOf` (epoch ms), the plainest way: per invoice Σ quantity
 * × price in 1/10,000 of a pound (BigInt), rounded half away from zero to cents; per customer
 * the distinct plain-numbered invoices (frequency), their latest date (recency in whole days),
 * completed minus cancelled (C-prefixed) cents. A-prefixed adjustments and lines without a
 * customer are left out.
 */
export function independentRfm(
  lines: readonly RetailLine[],
  asOf: number,
): Map<string, ExpectedRfm> {
  const invoices = new Map<string, { customerId: string; at: number; scaled: bigint }>();
  for (const line of lines) {
    if (line.customerId === '' || line.invoiceNo.startsWith('A')) continue;
    const invoice = invoices.get(line.invoiceNo) ?? {
      customerId: line.customerId,
      at: Date.parse(`${line.invoiceDate.replace(' ', 'T')}Z`),
      scaled: 0n,
    };
    invoice.scaled += BigInt(line.quantity) * BigInt(Math.round(Number(line.unitPrice) * 10_000));
    invoices.set(line.invoiceNo, invoice);
  }
  const customers = new Map<
    string,
    { last: number | null; orders: number; invoices: number; cents: bigint }
  >();
  for (const [invoiceNo, { customerId, at, scaled }] of invoices) {
    const customer = customers.get(customerId) ?? { last: null, orders: 0, invoices: 0, cents: 0n };
    customer.invoices += 1;
    const cents = ((scaled < 0n ? -scaled : scaled) + 50n) / 100n;
    if (invoiceNo.startsWith('C')) customer.cents -= cents;
    else {
      customer.cents += scaled < 0n ? -cents : cents;
      customer.orders += 1;
      customer.last = Math.max(customer.last ?? at, at);
    }
    customers.set(customerId, customer);
  }
  return new Map(
    [...customers].map(([id, { last, orders, invoices: count, cents }]) => [
      id,
      {
        recencyDays: last === null ? null : Math.floor((asOf - last) / 86_400_000),
        frequency: orders,
        monetary: Number(cents) / 100,
        invoices: count,
      },
    ]),
  );
}

/** Fields of one CSV line; quoted fields may hold commas and doubled quotes. */
function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}
