import { uniqueNamespace } from './test-infra';

describe('uniqueNamespace', () => {
  it('gives each suite a different namespace that is valid for subjects and databases', () => {
    const first = uniqueNamespace('Messaging Spec');
    const second = uniqueNamespace('Messaging Spec');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[a-z][a-z0-9_]{0,30}$/);
  });

  it('starts with a letter even when the label does not', () => {
    expect(uniqueNamespace('42')).toMatch(/^t42_/);
  });
});
