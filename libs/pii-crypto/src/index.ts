export { parseKeyring, PiiKeyList, type PiiKeyring } from './keyring';
export { PiiCipher, PiiDecryptionError } from './pii-cipher';
