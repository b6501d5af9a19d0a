import { createServer } from 'node:net';
import { randomInt } from 'node:crypto';

// Ports the OS hands to outgoing connections (Linux's default ip_local_port_range) are
// avoided: a port taken with listen(0) comes from that range, and between the probe and
// the child's own bind any connection this machine opens may take it as its local port
// (seen in CI: EADDRINUSE on a port the probe had just found free). Below the range only
// explicit listeners compete, and the probe sees those.
const FIRST_PORT = 20_000;
const PAST_LAST_PORT = 32_768;
const ATTEMPTS = 50;

// Ports already given out by this process, so concurrent callers never share one.
const handedOut = new Set<number>();

/**
 * A TCP port free on every address right now, outside the ephemeral range. Another
 * process could still bind it before the caller does; with thousands of candidates
 * picked at random that is rare, and nothing else on the machine takes it unasked.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = randomInt(FIRST_PORT, PAST_LAST_PORT);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
  }
  throw new Error(
    `No free port found in ${FIRST_PORT}-${PAST_LAST_PORT - 1} after ${ATTEMPTS} attempts`,
  );
}

/** Binds the wildcard address (as the services do, IPv4 and IPv6) and closes again. */
async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => resolve(true));
  });
  if (bound) await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}
