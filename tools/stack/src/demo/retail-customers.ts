import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One line item of an Online Retail invoice. */
export interface InvoiceLine {
  readonly stockCode: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

/** A customer of the dataset with their first invoice: what the demo replays. */
export interface RetailCustomer {
  readonly customerId: string;
  readonly country: string;
  readonly invoiceNo: string;
  /** InvoiceDate as UTC ISO-8601. */
  readonly invoiceDate: string;
  readonly lines: readonly InvoiceLine[];
}

/** Splits one CSV line; descriptions may be quoted and contain commas or doubled quotes. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** "17850.0" → "17850": the dataset writes customer ids as floats. */
function customerIdOf(raw: string): string | undefined {
  const id = Number.parseFloat(raw);
  return Number.isInteger(id) && id > 0 ? String(id) : undefined;
}

/**
 * The first `count` customers (with a CustomerID, not a cancellation) and their first invoice,
 * read as a stream: only the head of the file is read, whatever its size.
 */
export async function firstCustomers(file: string, count: number): Promise<RetailCustomer[]> {
  if (!existsSync(file)) throw new Error(`dataset not found: ${file}`);
  const input = createReadStream(file);
  const lines = createInterface({
    input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  });
  const customers = new Map<string, { customer: RetailCustomer; lines: InvoiceLine[] }>();
  let header = true;
  try {
    for await (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      const [
        invoiceNo = '',
        stockCode = '',
        description = '',
        quantity = '',
        invoiceDate = '',
        unitPrice = '',
        rawCustomer = '',
        country = '',
      ] = parseCsvLine(line);
      const customerId = customerIdOf(rawCustomer);
      if (!customerId || invoiceNo.startsWith('C')) continue;
      const known = customers.get(customerId);
      if (known && known.customer.invoiceNo !== invoiceNo) continue;
      if (!known && customers.size === count) break;
      const entry = known ?? {
        customer: {
          customerId,
          country,
          invoiceNo,
          invoiceDate: `${invoiceDate.replace(' ', 'T')}Z`,
          lines: [],
        },
        lines: [],
      };
      entry.lines.push({
        stockCode,
        description: description.trim(),
        quantity: Number(quantity),
        unitPrice: Number(unitPrice),
      });
      customers.set(customerId, entry);
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return [...customers.values()].map(({ customer, lines: items }) => ({
    ...customer,
    lines: items,
  }));
}

/** Σ quantity × unit price, in cents-exact arithmetic. */
export function revenueOf(lines: readonly InvoiceLine[]): number {
  return (
    lines.reduce((cents, line) => cents + Math.round(line.quantity * line.unitPrice * 100), 0) / 100
  );
}
