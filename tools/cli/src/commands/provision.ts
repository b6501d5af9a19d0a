import { loadConfig, platformEnv } from '@meridian/config';
import {
  connectJetStreamAdmin,
  provisionNamespace,
  type ProvisionReport,
} from '@meridian/messaging';
import { UsageError, type Command } from '../command';

const provisionEnv = platformEnv.pick({
  NATS_URL: true,
  MERIDIAN_NAMESPACE: true,
  MERIDIAN_PARTITIONS: true,
});

/** Creates or updates the namespace's streams and consumers (NATS_URL, MERIDIAN_NAMESPACE, MERIDIAN_PARTITIONS). */
export const provisionCommand: Command = {
  summary: 'Create or update the JetStream streams and consumers of MERIDIAN_NAMESPACE on NATS_URL',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`takes no arguments, got "${args.join(' ')}"`);
    const env = loadConfig(provisionEnv);
    const admin = await connectJetStreamAdmin(env.NATS_URL, 'meridian-provision');
    try {
      const report = await provisionNamespace({
        jsm: admin.jsm,
        namespace: env.MERIDIAN_NAMESPACE,
        partitions: env.MERIDIAN_PARTITIONS,
      });
      for (const line of formatProvisionReport(report, env.MERIDIAN_PARTITIONS)) io.out(line);
    } finally {
      await admin.close();
    }
  },
};

/** The changed resources one per line, then the totals; unchanged resources only count. */
export function formatProvisionReport(report: ProvisionReport, partitions: number): string[] {
  const changed = report.changes.filter((change) => change.action !== 'unchanged');
  const count = (predicate: (change: ProvisionReport['changes'][number]) => boolean) =>
    report.changes.filter(predicate).length;
  return [
    `Namespace "${report.namespace}" (${partitions} partitions):`,
    ...changed.map(
      (change) => `  ${change.action.padEnd(9)} ${change.kind.padEnd(8)} ${change.name}`,
    ),
    `${count((change) => change.kind === 'stream')} streams, ${count((change) => change.kind === 'consumer')} consumers: ` +
      `${count((change) => change.action === 'created')} created, ${count((change) => change.action === 'updated')} updated, ` +
      `${count((change) => change.action === 'unchanged')} unchanged`,
  ];
}
