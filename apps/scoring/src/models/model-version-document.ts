import { ModelVersion } from '@meridian/learning';
import { z } from 'zod';

/**
 * A registry document (`model_versions`): the library's ModelVersion of one model instance,
 * which is per (workspace, model, partition) since every partition's owner trains its own
 * models on its share of the profiles. `_id` `workspace|modelId|partition|version`; `revision`
 * guards the owner's read-modify-writes (checkpoints, promotions).
 */
export const ModelVersionDocument = ModelVersion.extend({
  _id: z.string().min(1),
  partition: z.number().int().min(0),
  revision: z.number().int().min(1),
  /** The latest checkpoint of this version's state and metrics. */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ModelVersionDocument = z.infer<typeof ModelVersionDocument>;

export function modelVersionId(
  workspaceId: string,
  modelId: string,
  partition: number,
  version: number,
): string {
  return `${workspaceId}|${modelId}|${partition}|${version}`;
}

/** A library version stored for a partition: a new document (revision 1). */
export function storedVersion(version: ModelVersion, partition: number): ModelVersionDocument {
  return {
    ...version,
    _id: modelVersionId(version.workspaceId, version.modelId, partition, version.version),
    partition,
    revision: 1,
    updatedAt: version.promotedAt ?? version.createdAt,
  };
}

/** What the registry API shows of a version: everything but the state. */
export interface ModelVersionView {
  readonly modelId: string;
  readonly kind: ModelVersionDocument['kind'];
  readonly partition: number;
  readonly version: number;
  readonly status: ModelVersionDocument['status'];
  readonly metrics: Readonly<Record<string, number>>;
  readonly hyperparameters: Readonly<Record<string, number | string | boolean>>;
  readonly createdAt: string;
  readonly promotedAt: string | null;
  readonly retiredAt: string | null;
  readonly updatedAt: string;
}

export function versionView(version: Omit<ModelVersionDocument, 'state'>): ModelVersionView {
  return {
    modelId: version.modelId,
    kind: version.kind,
    partition: version.partition,
    version: version.version,
    status: version.status,
    metrics: version.metrics,
    hyperparameters: version.hyperparameters,
    createdAt: version.createdAt,
    promotedAt: version.promotedAt ?? null,
    retiredAt: version.retiredAt ?? null,
    updatedAt: version.updatedAt,
  };
}
