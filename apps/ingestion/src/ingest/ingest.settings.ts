/** What the ingest feature needs from the service config; provided by the app module. */
export interface IngestSettings {
  /** MERIDIAN_PARTITIONS: the number of profile partitions calls are spread over. */
  readonly partitions: number;
}

export const INGEST_SETTINGS = Symbol('meridian.ingestion.settings');
