import { z } from 'zod';
import type { RowGroup } from '../group';
import {
  importMessageId,
  invalid,
  type GroupOutcome,
  type Mapping,
  type TrackCall,
} from './mapping';
import { jsonBytes, MAX_CALL_BYTES, prefixThatFits } from './call-budget';
import { fromScaledAmount, parseScaledAmount, scaledTotal, toCurrencyAmount } from './money';

export const ONLINE_RETAIL = 'online-retail';

/** Where the dataset lives, relative to the repository root. */
export const ONLINE_RETAIL_DEFAULT_FILE = '../shared/datasets/online-retail/online-retail.csv.gz';

export const ONLINE_RETAIL_COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

/**
 * Invoices are contiguous in the file except where a cancellation is booked in the middle of
 * another invoice (the full dataset has one: invoice 542806 is interrupted by C542805). A few
 * open invoices absorb that; an invoice coming back later still fails the import.
 */
export const ONLINE_RETAIL_REORDER_WINDOW = 4;

/** The columns as the CSV has them: all text; converted and checked by `lineOf`. */
export const OnlineRetailRow = z.object({
  InvoiceNo: z.string(),
  StockCode: z.string(),
  Description: z.string(),
  Quantity: z.string(),
  InvoiceDate: z.string(),
  UnitPrice: z.string(),
  CustomerID: z.string(),
  Country: z.string(),
});

/** One invoice line, converted. */
export interface OnlineRetailLine {
  readonly invoiceNo: string;
  readonly stockCode: string;
  readonly description: string;
  readonly quantity: number;
  /** InvoiceDate as ISO-8601 UTC. */
  readonly invoiceDate: string;
  /** UnitPrice in 1/10,000 GBP (see money.ts). */
  readonly scaledPrice: number;
  /** "17850.0" → "17850"; undefined when the line has no customer. */
  readonly customerId: string | undefined;
}

/**
 * Converts one row, or says what is wrong with it. Plain functions rather than zod transforms:
 * this runs for each of half a million rows and is the importer's hottest path.
 */
export function lineOf(values: unknown): OnlineRetailLine | string {
  const parsed = OnlineRetailRow.safeParse(values);
  if (!parsed.success) {
    return parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
  }
  const row = parsed.data;
  const invoiceNo = row.InvoiceNo.trim();
  const stockCode = row.StockCode.trim();
  const quantity = /^\s*-?\d+\s*$/.test(row.Quantity) ? Number(row.Quantity) : undefined;
  const invoiceDate = isoOfInvoiceDate(row.InvoiceDate);
  const scaledPrice = parseScaledAmount(row.UnitPrice);
  const customerId = customerIdOf(row.CustomerID);
  if (!invoiceNo) return 'InvoiceNo: empty';
  if (!stockCode) return 'StockCode: empty';
  if (quantity === undefined) return `Quantity: not an integer: "${row.Quantity}"`;
  if (!invoiceDate) return `InvoiceDate: not a date "YYYY-MM-DD HH:MM:SS": "${row.InvoiceDate}"`;
  if (scaledPrice === undefined) return `UnitPrice: not a decimal amount: "${row.UnitPrice}"`;
  if (customerId === null) return `CustomerID: not an integer id: "${row.CustomerID}"`;
  return {
    invoiceNo,
    stockCode,
    description: row.Description.trim(),
    quantity,
    invoiceDate,
    scaledPrice,
    customerId,
  };
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
/** Lines of one invoice share their date: converting it once per invoice halves the cost. */
let lastDate = { text: '', iso: '' };

/** "2010-12-01 08:26:00" (UTC per the dataset) → "2010-12-01T08:26:00.000Z"; rejects 2011-02-30. */
export function isoOfInvoiceDate(text: string): string | undefined {
  if (text === lastDate.text) return lastDate.iso;
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const iso = `${match[1]}T${match[2]}.000Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== iso) return undefined;
  lastDate = { text, iso };
  return iso;
}

/** "17850.0" → "17850"; "" → undefined (anonymous); null when it is not a positive integer. */
function customerIdOf(text: string): string | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const digits = /^0*(\d+)(?:\.0+)?$/.exec(trimmed)?.[1];
  return digits && digits !== '0' ? digits : null;
}

export type InvoiceKind = 'order' | 'cancellation' | 'other';

/** Plain numbers are orders, C-prefixed ones cancellations; A-prefixed are bad-debt adjustments. */
export function invoiceKindOf(invoiceNo: string): InvoiceKind {
  if (/^\d+$/.test(invoiceNo)) return 'order';
  if (/^C\d+$/.test(invoiceNo)) return 'cancellation';
  return 'other';
}

export const onlineRetailMapping: Mapping = {
  name: ONLINE_RETAIL,
  fingerprint: ONLINE_RETAIL,
  format: 'csv',
  requiredColumns: ONLINE_RETAIL_COLUMNS,
  grouping: { kind: 'by-column', column: 'InvoiceNo', reorderWindow: ONLINE_RETAIL_REORDER_WINDOW },
  toCalls: invoiceToCalls,
};

/**
 * One invoice → one call: `Order Completed` for an order, `Order Refunded` (positive revenue and
 * quantities) for a cancellation; identified by the customer, or anonymously by the invoice.
 */
export function invoiceToCalls(group: RowGroup): GroupOutcome {
  const lines: OnlineRetailLine[] = [];
  for (const row of group.rows) {
    const line = lineOf(row.values);
    if (typeof line === 'string') return invalid('INVALID_ROW', `row ${row.number}: ${line}`);
    lines.push(line);
  }
  const [first] = lines;
  if (!first) return invalid('INVALID_ROW', 'an invoice without lines');
  const customers = new Set(lines.map((line) => line.customerId));
  if (customers.size > 1) {
    return invalid(
      'MIXED_CUSTOMERS',
      `invoice ${first.invoiceNo} has lines for several customers: ${[...customers].join(', ')}`,
    );
  }
  const kind = invoiceKindOf(first.invoiceNo);
  if (kind === 'other') {
    return {
      kind: 'skipped',
      reason: 'neither an order nor a cancellation (A-prefixed bad-debt adjustment)',
    };
  }
  return { kind: 'calls', calls: [invoiceCall(first, lines, kind)] };
}

function invoiceCall(
  first: OnlineRetailLine,
  lines: readonly OnlineRetailLine[],
  kind: 'order' | 'cancellation',
): TrackCall {
  const refund = kind === 'cancellation';
  // Cancellation lines have negative quantities; a refund reports what was given back.
  const quantityOf = (line: OnlineRetailLine) => (refund ? Math.abs(line.quantity) : line.quantity);
  // Revenue always sums every line, also when the products list below gets truncated.
  const total = scaledTotal(
    lines.map((line) => ({ quantity: quantityOf(line), scaledPrice: line.scaledPrice })),
  );
  const call: TrackCall = {
    type: 'track',
    messageId: importMessageId(ONLINE_RETAIL, first.invoiceNo),
    ...(first.customerId
      ? { userId: first.customerId }
      : { anonymousId: `invoice-${first.invoiceNo}` }),
    event: refund ? 'Order Refunded' : 'Order Completed',
    timestamp: first.invoiceDate,
    properties: {
      orderId: first.invoiceNo,
      revenue: toCurrencyAmount(total),
      currency: 'GBP',
      products: lines.map((line) => ({
        product_id: line.stockCode,
        ...(line.description ? { name: line.description } : {}),
        quantity: quantityOf(line),
        price: fromScaledAmount(line.scaledPrice),
      })),
    },
  };
  return jsonBytes(call) <= MAX_CALL_BYTES ? call : withProductsThatFit(call);
}

/**
 * A wholesale invoice can have a thousand lines (573585 has 1,114, 96 KB of JSON), more than
 * ingestion takes in one call. Rather than lose the order (RFM needs every order and its exact
 * revenue), the call keeps its revenue, orderId and identity and lists the products that fit in
 * MAX_CALL_BYTES, in file order: the kept products are exactly the invoice's first lines, so
 * what is missing is a suffix, and `products_total` says how many lines the invoice has.
 */
export function withProductsThatFit(call: TrackCall): TrackCall {
  const products = call.properties['products'];
  const all: readonly unknown[] = Array.isArray(products) ? products : [];
  const truncated = {
    ...call,
    properties: {
      ...call.properties,
      products: [],
      products_total: all.length,
      products_truncated: true,
    },
  };
  const room = MAX_CALL_BYTES - jsonBytes(truncated);
  return {
    ...truncated,
    properties: { ...truncated.properties, products: prefixThatFits(all, room) },
  };
}
