/**
 * The one list of Meridian's services and local ports. The stack scripts, the end-to-end
 * suite and the demo all read it from here, so a port changes in one place.
 */

export const SERVICE_NAMES = [
  'ingestion',
  'identity',
  'scoring',
  'orchestration',
  'sender-email',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly defaultPort: number;
  /** Environment variable that overrides the port for the local stack, e.g. INGESTION_PORT. */
  readonly portEnv: string;
  /** Entry point, relative to the repository root. */
  readonly main: string;
}

/** Default HTTP port of each service; the README's port table mirrors this. */
export const DEFAULT_PORTS = {
  ingestion: 8080,
  identity: 8081,
  scoring: 8082,
  orchestration: 8083,
  'sender-email': 8090,
} as const satisfies Record<ServiceName, number>;

/** INGESTION_PORT, SENDER_EMAIL_PORT, ... */
export function portEnvOf(name: ServiceName): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_PORT`;
}

/** In the order events flow through them, which is also the order the stack starts them. */
export const SERVICES: readonly ServiceDefinition[] = SERVICE_NAMES.map((name) => ({
  name,
  defaultPort: DEFAULT_PORTS[name],
  portEnv: portEnvOf(name),
  main: `apps/${name}/src/main.ts`,
}));

/** The local SMTP capture server (tools/smtp-capture) and the variables that move it. */
export const SMTP_CAPTURE = {
  smtpPort: 1025,
  httpPort: 8025,
  smtpPortEnv: 'SMTP_CAPTURE_PORT',
  httpPortEnv: 'SMTP_CAPTURE_HTTP_PORT',
} as const;

/**
 * The dev profile of tools/local-infra (its profiles.ts owns these; an app may not import
 * another app, so they are repeated here for the services' environment).
 */
export const DEV_INFRA = {
  natsUrl: 'nats://127.0.0.1:14222',
  natsMonitorUrl: 'http://127.0.0.1:18222',
  mongoUrl: 'mongodb://127.0.0.1:27117',
} as const;

export type Environment = Readonly<Record<string, string | undefined>>;

function parsePort(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got "${value}"`);
  }
  return port;
}

/** Each service's port: its override variable when set, else its default. */
export function servicePorts(env: Environment = {}): Readonly<Record<ServiceName, number>> {
  const port = (name: ServiceName) => {
    const override = env[portEnvOf(name)];
    return override ? parsePort(portEnvOf(name), override) : DEFAULT_PORTS[name];
  };
  return {
    ingestion: port('ingestion'),
    identity: port('identity'),
    scoring: port('scoring'),
    orchestration: port('orchestration'),
    'sender-email': port('sender-email'),
  };
}

/** Base URL of a service on the local stack. */
export function serviceUrl(name: ServiceName, env: Environment = {}): string {
  return `http://127.0.0.1:${servicePorts(env)[name]}`;
}
