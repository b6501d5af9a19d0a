/**
 * Pre-built load: one track event serialised once, padded to the exact size asked for, with
 * fixed-width digit slots for the sequence (in messageId) and the user number (in userId).
 * Stamping a sequence rewrites those digits in place, so every event of the run is unique
 * (dedupe keeps them all) and exactly the same size, without serialising anything per request.
 */

const SEQUENCE_DIGITS = 12;
const USER_DIGITS = 4;
/** Events are spread over this many users, so they spread over the partitions like real traffic. */
export const BENCH_USERS = 10 ** USER_DIGITS;
const BATCH_PREFIX = '{"batch":[';
const BATCH_SUFFIX = ']}';

export interface EventTemplate {
  readonly runId: string;
  /** One serialised event with zeroed slots; exactly the requested size. */
  readonly bytes: Buffer;
  readonly sequenceOffset: number;
  readonly userOffset: number;
}

export interface EventTemplateOptions {
  /** Makes message ids unique across runs; letters and digits only. */
  readonly runId: string;
  readonly eventBytes: number;
  /** ISO timestamp every event carries. */
  readonly timestamp: string;
}

export function messageIdOf(runId: string, sequence: number): string {
  return `${runId}-${digits(sequence, SEQUENCE_DIGITS)}`;
}

export function userIdOf(sequence: number): string {
  return `bench-user-${digits(sequence % BENCH_USERS, USER_DIGITS)}`;
}

export function buildEventTemplate(options: EventTemplateOptions): EventTemplate {
  if (!/^[A-Za-z0-9]{1,40}$/.test(options.runId))
    throw new RangeError(`runId must be 1-40 letters or digits, got "${options.runId}"`);
  const head = `{"type":"track","event":"Bench Event","messageId":"${options.runId}-`;
  const middle = `","userId":"bench-user-`;
  const tail = (padding: string) =>
    `","timestamp":"${options.timestamp}","properties":{"source":"meridian-bench","padding":"${padding}"}}`;
  const skeleton = `${head}${'0'.repeat(SEQUENCE_DIGITS)}${middle}${'0'.repeat(USER_DIGITS)}${tail('')}`;
  const paddingBytes = options.eventBytes - Buffer.byteLength(skeleton);
  if (paddingBytes < 0)
    throw new RangeError(
      `an event needs at least ${Buffer.byteLength(skeleton)} bytes, ${options.eventBytes} asked`,
    );
  const text = skeleton.replace(tail(''), tail('x'.repeat(paddingBytes)));
  const sequenceOffset = Buffer.byteLength(head);
  return {
    runId: options.runId,
    bytes: Buffer.from(text, 'utf8'),
    sequenceOffset,
    userOffset: sequenceOffset + SEQUENCE_DIGITS + Buffer.byteLength(middle),
  };
}

/** Writes the event's sequence and user number into a copy of the template at `at`. */
export function stampEvent(
  target: Buffer,
  at: number,
  template: EventTemplate,
  sequence: number,
): void {
  target.write(digits(sequence, SEQUENCE_DIGITS), at + template.sequenceOffset, 'latin1');
  target.write(digits(sequence % BENCH_USERS, USER_DIGITS), at + template.userOffset, 'latin1');
}

/** One event of the run as its own buffer: the raw baseline publishes these. */
export function eventAt(template: EventTemplate, sequence: number): Buffer {
  const event = Buffer.from(template.bytes);
  stampEvent(event, 0, template, sequence);
  return event;
}

/**
 * A Segment batch body `{"batch":[event,…]}` that is re-stamped in place before each
 * request: `stamp(first)` gives its events the sequences first … first + count − 1.
 * Reuse it only once the previous request that sent it has completed.
 */
export class BatchBody {
  readonly bytes: Buffer;

  constructor(
    private readonly template: EventTemplate,
    readonly eventCount: number,
  ) {
    const events = Array.from({ length: eventCount }, () => template.bytes.toString('utf8'));
    this.bytes = Buffer.from(`${BATCH_PREFIX}${events.join(',')}${BATCH_SUFFIX}`, 'utf8');
  }

  stamp(firstSequence: number): void {
    const stride = this.template.bytes.length + 1;
    for (let index = 0; index < this.eventCount; index += 1) {
      stampEvent(
        this.bytes,
        BATCH_PREFIX.length + index * stride,
        this.template,
        firstSequence + index,
      );
    }
  }
}

function digits(value: number, width: number): string {
  const text = String(value);
  if (!Number.isInteger(value) || value < 0 || text.length > width)
    throw new RangeError(`${value} does not fit ${width} digits`);
  return text.padStart(width, '0');
}
