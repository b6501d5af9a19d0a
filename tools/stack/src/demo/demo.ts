import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { revenueOf, type RetailCustomer } from './retail-customers';

/** Where the demo sends events and reads results; all on the local stack. */
export interface DemoTargets {
  readonly ingestion: string;
  readonly identity: string;
  readonly orchestration: string;
  /** The SMTP capture API, when the stack runs one (no SMTP_URL). */
  readonly mailApi: string | undefined;
  readonly writeKey: string;
  /** Reads the profile API: an installation-wide key, so it names the workspace. */
  readonly adminKey: string;
  readonly workspaceId: string;
  readonly spanFile: string;
}

// The dataset has no names or e-mail addresses; the demo gives its customers these.
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger'];

const Profile = z.object({
  profileId: z.string(),
  traits: z.record(z.string(), z.unknown()),
  computed: z
    .object({ eventCounts: z.array(z.object({ name: z.string(), count: z.number() })) })
    .passthrough(),
  messages: z.array(
    z.object({
      messageId: z.string(),
      status: z.string(),
      channel: z.string(),
      templateId: z.string(),
      journeyId: z.string().nullable(),
    }),
  ),
});
type Profile = z.infer<typeof Profile>;
const JourneyState = z.object({ journeyId: z.string(), status: z.string(), enteredAt: z.string() });
type JourneyState = z.infer<typeof JourneyState>;
const Mail = z.object({ to: z.array(z.string()), subject: z.string() });
const SpanLine = z.object({ traceId: z.string(), service: z.string(), startTime: z.number() });

/** What happened to one customer, as the demo prints it. */
export interface CustomerReport {
  readonly customer: RetailCustomer;
  readonly traceId: string;
  readonly profile: Profile;
  readonly journey: JourneyState | undefined;
  /** The customer entered the journey in an earlier demo run: no new email this time. */
  readonly enteredEarlier: boolean;
  readonly mail: z.infer<typeof Mail> | undefined;
  readonly services: readonly string[];
}

/** Sends one customer's identify, Signed Up and first order, all in one trace. */
async function sendCustomer(
  targets: DemoTargets,
  customer: RetailCustomer,
  firstName: string,
  traceId: string,
): Promise<void> {
  const email = `customer-${customer.customerId}@example.com`;
  const calls: [string, object][] = [
    [
      '/v1/identify',
      {
        userId: customer.customerId,
        traits: { email, firstName, country: customer.country },
        timestamp: customer.invoiceDate,
      },
    ],
    [
      '/v1/track',
      { userId: customer.customerId, event: 'Signed Up', timestamp: customer.invoiceDate },
    ],
    [
      '/v1/track',
      {
        userId: customer.customerId,
        event: 'Order Completed',
        timestamp: customer.invoiceDate,
        properties: {
          orderId: customer.invoiceNo,
          revenue: revenueOf(customer.lines),
          currency: 'GBP',
          products: customer.lines.map((line) => ({
            sku: line.stockCode,
            name: line.description,
            quantity: line.quantity,
            price: line.unitPrice,
          })),
        },
      },
    ],
  ];
  for (const [path, body] of calls) {
    const response = await fetch(`${targets.ingestion}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${targets.writeKey}:`).toString('base64')}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(
        `POST ${path} for customer ${customer.customerId} answered ${response.status}: ${await response.text()}`,
      );
  }
}

async function json(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers });
  return response.ok ? response.json() : undefined;
}

const ORDER_EVENT = 'Order Completed';

/** A customer's golden record, or undefined while identity has none. */
async function lookup(targets: DemoTargets, userId: string): Promise<Profile | undefined> {
  const parsed = Profile.safeParse(
    await json(`${targets.identity}/v1/profiles/lookup?type=userId&value=${userId}`, {
      authorization: `Bearer ${targets.adminKey}`,
      'x-meridian-workspace': targets.workspaceId,
    }),
  );
  return parsed.success ? parsed.data : undefined;
}

/** How many orders the golden record has counted; 0 before the first. */
function ordersOf(profile: Profile | undefined): number {
  return profile?.computed.eventCounts.find((entry) => entry.name === ORDER_EVENT)?.count ?? 0;
}

/** Polls `probe` every 200 ms until it returns a value; throws `what` after 30 s. */
async function poll<Value>(probe: () => Promise<Value | undefined>, what: string): Promise<Value> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} after 30 s: see the logs in .data/dev`);
    await sleep(200);
  }
}

/**
 * The profile once this run's order is on it and, when this run made the customer enter the
 * welcome journey, once the email's outcome is in the history. The dev database outlives a
 * run, so a second demo run must wait for its own events rather than read the first run's.
 */
async function settledProfile(
  targets: DemoTargets,
  userId: string,
  ordersBefore: number,
  runStartedAt: number,
): Promise<{ profile: Profile; journey: JourneyState | undefined }> {
  const profile = await poll(async () => {
    const current = await lookup(targets, userId);
    return ordersOf(current) > ordersBefore ? current : undefined;
  }, `customer ${userId}'s order did not reach the golden record`);
  const state = JourneyState.safeParse(
    await json(`${targets.orchestration}/v1/journeys/welcome/states/${profile.profileId}`),
  );
  const journey = state.success ? state.data : undefined;
  if (!journey || Date.parse(journey.enteredAt) < runStartedAt) return { profile, journey };
  const settled = await poll(async () => {
    const current = await lookup(targets, userId);
    const outcome = current?.messages.some((entry) => ['sent', 'failed'].includes(entry.status));
    return outcome ? current : undefined;
  }, `customer ${userId}'s welcome email has no outcome`);
  return { profile: settled, journey };
}

function servicesInTrace(spanFile: string, traceId: string): string[] {
  if (!existsSync(spanFile)) return [];
  const spans = readFileSync(spanFile, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const parsed = line ? SpanLine.safeParse(JSON.parse(line)) : undefined;
      return parsed?.success && parsed.data.traceId === traceId ? [parsed.data] : [];
    })
    .sort((a, b) => a.startTime - b.startTime);
  // Services in the order they first joined the trace; the count shows how many hops there were.
  const services = [...new Set(spans.map((span) => span.service))];
  return services.length > 0 ? [...services, `(${spans.length} spans)`] : [];
}

/** Replays each customer through the loop and reports what happened to them. */
export async function runDemo(
  targets: DemoTargets,
  customers: readonly RetailCustomer[],
): Promise<CustomerReport[]> {
  const traces = customers.map(() => randomBytes(16).toString('hex'));
  const runStartedAt = Date.now();
  const ordersBefore = await Promise.all(
    customers.map(async (customer) => ordersOf(await lookup(targets, customer.customerId))),
  );
  for (const [i, customer] of customers.entries()) {
    await sendCustomer(
      targets,
      customer,
      FIRST_NAMES[i % FIRST_NAMES.length] ?? 'there',
      traces[i] ?? '',
    );
  }
  const reports: CustomerReport[] = [];
  for (const [i, customer] of customers.entries()) {
    const traceId = traces[i] ?? '';
    const { profile, journey } = await settledProfile(
      targets,
      customer.customerId,
      ordersBefore[i] ?? 0,
      runStartedAt,
    );
    const enteredEarlier = journey !== undefined && Date.parse(journey.enteredAt) < runStartedAt;
    const mails = z
      .array(Mail)
      .safeParse(
        targets.mailApi
          ? await json(
              `${targets.mailApi}/api/messages?to=customer-${customer.customerId}@example.com`,
            )
          : [],
      );
    await sleep(500); // the span processors flush in batches
    reports.push({
      customer,
      traceId,
      profile,
      journey,
      enteredEarlier,
      mail: mails.success ? mails.data[0] : undefined,
      services: servicesInTrace(targets.spanFile, traceId),
    });
  }
  return reports;
}

/** The printed story of one customer. */
export function describeReport(report: CustomerReport): string {
  const { customer, profile } = report;
  const counts = profile.computed.eventCounts
    .map((entry) => `${entry.name} ×${entry.count}`)
    .join(', ');
  const history =
    profile.messages
      .slice()
      .reverse()
      .map((entry) => entry.status)
      .join(' → ') || 'none';
  return [
    `Customer ${customer.customerId} (${customer.country}), first invoice ${customer.invoiceNo} of ${customer.invoiceDate}: ${customer.lines.length} lines, £${revenueOf(customer.lines).toFixed(2)}`,
    `  trace id  ${report.traceId}`,
    `  profile   ${profile.profileId}  firstName=${String(profile.traits['firstName'])} email=${String(profile.traits['email'])}  events: ${counts}`,
    `  decision  ${report.journey ? `journey ${report.journey.journeyId} entered ${report.journey.enteredAt}, ${report.journey.status}` : 'no journey entered'}`,
    `  email     ${emailLine(report)}`,
    `  history   ${history}`,
    `  trace     ${report.services.join(' → ').replace(' → (', ' (') || 'no spans yet'}`,
  ].join('\n');
}

function emailLine(report: CustomerReport): string {
  if (report.mail) return `"${report.mail.subject}" → ${report.mail.to.join(', ')}`;
  if (report.enteredEarlier) {
    return `none this run: the welcome email went out when the customer first entered the journey (${report.journey?.enteredAt ?? ''}); a journey is entered once per profile`;
  }
  return 'not captured (SMTP_URL points elsewhere, or not sent)';
}
