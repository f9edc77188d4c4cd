import { describe, expect, it } from 'vitest';
import { withMemberNames } from './names';

describe('withMemberNames', () => {
  it('keeps the contact name and fills in members who are not contacts', () => {
    const contacts = new Map([['acc_bob', 'Bob (my contact)']]);
    const members = [
      { accountId: 'acc_bob', displayName: 'Bob', role: 'member', joinedAt: '', deviceIds: [] },
      { accountId: 'acc_cat', displayName: 'Cat', role: 'member', joinedAt: '', deviceIds: [] },
      { accountId: 'acc_gone', role: 'member', joinedAt: '', deviceIds: [] },
    ];

    const names = withMemberNames(contacts, members);

    expect(Object.fromEntries(names)).toEqual({ acc_bob: 'Bob (my contact)', acc_cat: 'Cat' });
    expect(contacts.size).toBe(1);
  });
});
