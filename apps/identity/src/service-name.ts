/** Identity as named in its logs, spans, subjects and data-subject confirmations. */
export const IDENTITY_SERVICE_NAME = 'identity';
