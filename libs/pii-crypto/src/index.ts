export { keyringOf, parseKeyring, PiiBlindIndexKey, PiiKeyList, type PiiKeyring } from './keyring';
export { PiiCipher, PiiDecryptionError } from './pii-cipher';
