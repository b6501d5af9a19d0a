import { envInt, loadConfig } from '@meridian/config';
import { z } from 'zod';
import { startSmtpCapture } from './capture-server';

const smtpCaptureEnv = z.object({
  SMTP_CAPTURE_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_CAPTURE_PORT: envInt(0, 65535).default(1025),
  SMTP_CAPTURE_HTTP_PORT: envInt(0, 65535).default(8025),
  /** Every message is also appended here as one JSON line. */
  SMTP_CAPTURE_FILE: z.string().min(1).optional(),
  SMTP_CAPTURE_MAX_MESSAGES: envInt(1, 1_000_000).default(1000),
});

async function main(): Promise<void> {
  const config = loadConfig(smtpCaptureEnv);
  const capture = await startSmtpCapture({
    host: config.SMTP_CAPTURE_HOST,
    smtpPort: config.SMTP_CAPTURE_PORT,
    httpPort: config.SMTP_CAPTURE_HTTP_PORT,
    file: config.SMTP_CAPTURE_FILE,
    maxMessages: config.SMTP_CAPTURE_MAX_MESSAGES,
  });
  const file = config.SMTP_CAPTURE_FILE ? `, appending to ${config.SMTP_CAPTURE_FILE}` : '';
  process.stdout.write(
    `smtp-capture: SMTP ${capture.smtpUrl}, API ${capture.apiUrl}/api/messages${file}\n`,
  );
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`smtp-capture: ${signal}, closing\n`);
    capture.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`smtp-capture: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`smtp-capture: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
