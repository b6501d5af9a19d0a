import { ServiceName } from '@meridian/contracts';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/** The services that confirm a deletion unless configured otherwise. */
export const DEFAULT_DELETION_CONFIRMERS: readonly string[] = [
  'identity',
  'scoring',
  'orchestration',
  'sender-email',
];

/**
 * A comma-separated list of service names from the environment ("identity,sender-email");
 * blanks around names are ignored and an empty string means none.
 */
export const ServiceNameList = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  )
  .pipe(z.array(ServiceName));
export type ServiceNameList = z.infer<typeof ServiceNameList>;

/** What the data-subject requests feature needs from the service config. */
export interface DataSubjectRequestSettings {
  /**
   * The services whose deletion confirmations complete a SUPPRESS_WITH_DELETE or DELETE_ONLY
   * request (ingestion's DATA_SUBJECT_DELETION_CONFIRMERS). Each request keeps the list it
   * was made with.
   */
  readonly deletionConfirmers: readonly string[];
  /** Where national phone numbers in requests are read, as ingestion hygiene does by default. */
  readonly defaultPhoneRegion: CountryCode | undefined;
}

export const DATA_SUBJECT_REQUEST_SETTINGS = Symbol('meridian.data-subject-requests.settings');
