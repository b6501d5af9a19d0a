import { DataSubjectDeletionConfirmedV1 } from '@meridian/contracts';
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
