/** How the erasure feature names its service in deletion confirmations and their subject. */
export interface ErasureOptions {
  /** The registry name of this service ('identity'); a ServiceName. */
  readonly serviceName: string;
}

export const ERASURE_OPTIONS = Symbol('ERASURE_OPTIONS');
