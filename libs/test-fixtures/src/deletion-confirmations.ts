import { DataSubjectDeletionConfirmedV1 } from '@meridian/contracts';
import { waitFor } from '@meridian/testing';
import type { TestNamespace } from './test-namespace';

/** Every service's confirmation of one data-subject deletion request, as the PRIVACY stream holds them. */
export async function deletionConfirmationsOf(
  namespace: Pick<TestNamespace, 'readStream'>,
  requestId: string,
): Promise<DataSubjectDeletionConfirmedV1[]> {
  return (await namespace.readStream('PRIVACY')).flatMap((stored) => {
    const parsed = DataSubjectDeletionConfirmedV1.safeParse(stored.body);
    return parsed.success && parsed.data.payload.requestId === requestId ? [parsed.data] : [];
  });
}

/** Waits (20 s at most) for the first confirmation of the request, whichever service sent it. */
export async function waitForDeletionConfirmation(
  namespace: Pick<TestNamespace, 'readStream'>,
  requestId: string,
): Promise<DataSubjectDeletionConfirmedV1> {
  return waitFor(async () => (await deletionConfirmationsOf(namespace, requestId))[0], {
    description: `a confirmation of deletion request ${requestId}`,
    timeoutMs: 20_000,
    intervalMs: 100,
  });
}
