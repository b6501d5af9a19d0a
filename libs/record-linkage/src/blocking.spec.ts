import { blockingKeys, isSelectiveBlockingKey } from './blocking';
import { preparePersonRecord } from './person-index';

describe('blockingKeys', () => {
  const william = preparePersonRecord({
    firstName: 'William',
    lastName: 'Weber',
    birthday: '1980-05-09',
    phone: '+49 151 12345678',
    email: 'w@example.com',
    address: { postalCode: '10115' },
  });

  it('gives a nickname the same first-name keys as the formal name', () => {
    const bill = preparePersonRecord({
      firstName: 'Bill',
      birthday: '1980-05-09',
      address: { postalCode: '10115' },
    });
    const shared = blockingKeys(bill).filter((key) => blockingKeys(william).includes(key));
    expect(shared).toEqual(expect.arrayContaining(['fp:W450:101', 'bd:1980-05-09:w']));
  });

  it('shares a key with the same person whose first and last names are swapped', () => {
    const swapped = preparePersonRecord({
      firstName: 'Weber',
      lastName: 'William',
      birthday: '1980-05-09',
    });
    expect(blockingKeys(swapped).some((key) => blockingKeys(william).includes(key))).toBe(true);
  });

  it('has no keys for a record without usable PII', () => {
    expect(blockingKeys(preparePersonRecord({ firstName: 'Anna' }))).toEqual([]);
  });

  it('tells the selective keys (phone, email, birthday) from the broad ones', () => {
    const selective = blockingKeys(william).filter(isSelectiveBlockingKey);

    expect(selective).toEqual([
      'ph:2345678',
      'em:w@example.com',
      'bd:1980-05-09:w',
      'bl:1980-05-09:w',
    ]);
    expect(blockingKeys(william).filter((key) => !isSelectiveBlockingKey(key))).toHaveLength(4);
  });
});
