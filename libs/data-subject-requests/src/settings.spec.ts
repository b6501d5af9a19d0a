import { ServiceNameList } from './settings';

describe('ServiceNameList', () => {
  it('reads a comma-separated list, ignoring blanks around names', () => {
    expect(ServiceNameList.parse(' identity, sender-email ,,scoring')).toEqual([
      'identity',
      'sender-email',
      'scoring',
    ]);
  });

  it('reads an empty string as no service', () => {
    expect(ServiceNameList.parse('')).toEqual([]);
  });

  it('refuses a name that cannot be one subject token', () => {
    expect(ServiceNameList.safeParse('identity,sender.email').success).toBe(false);
    expect(ServiceNameList.safeParse('Identity').success).toBe(false);
  });
});
