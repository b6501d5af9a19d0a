import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** What an Online Retail import must deliver for one invoice, computed without the importer. */
export interface ExpectedInvoice {
  readonly invoiceNo: string;
  readonly event: 'Order Completed' | 'Order Refunded';
  /** Σ |quantity| × unit price of every line, rounded to pence. */
  readonly revenue: number;
}

/**
 * The first `limit` invoices of an Online Retail CSV (by first appearance; all when no limit),
 * read line by line with the plainest parsing there is, sharing nothing with the importer's
 * parser, grouping or money code. Only Description may hold quoted commas, so the columns after
 * it are counted from the end of the line. A-prefixed adjustments count towards the limit (they
 * are groups) but are not expected as calls.
 */
export async function independentInvoices(
  file: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<ExpectedInvoice[]> {
  const input = createReadStream(file);
  const lines = createInterface({
    input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  // Invoice → Σ quantity × price in 1/10,000 GBP, in order of first appearance.
  const totals = new Map<string, number>();
  let header = true;
  for await (const line of lines) {
    if (header || line.trim() === '') {
      header = false;
      continue;
    }
    const fields = line.split(',');
    const invoiceNo = fields[0] ?? '';
    if (!totals.has(invoiceNo) && totals.size >= limit) break;
    const quantity = Number(fields.at(-5));
    const tenThousandths = Math.round(Number(fields.at(-3)) * 10_000);
    totals.set(invoiceNo, (totals.get(invoiceNo) ?? 0) + quantity * tenThousandths);
  }
  input.destroy();
  return [...totals]
    .filter(([invoiceNo]) => !invoiceNo.startsWith('A'))
    .map(([invoiceNo, total]) => ({
      invoiceNo,
      event: invoiceNo.startsWith('C') ? 'Order Refunded' : 'Order Completed',
      revenue: Math.round(Math.abs(total) / 100) / 100,
    }));
}
