import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import { statementParty } from './statement-party';

const names = new Map([
  ['acc_bob', 'Bob'],
  ['acc_ann', 'Ann'],
]);
const en = translator('en');

describe('statementParty', () => {
  it('names who a transfer went to and who money came from', () => {
    expect(statementParty({ kind: 'chat_transfer_hold', otherAccountId: 'acc_bob' }, names, en)).toBe('To Bob');
    expect(statementParty({ kind: 'chat_transfer_accept', otherAccountId: 'acc_ann' }, names, en)).toBe('From Ann');
    expect(statementParty({ kind: 'red_packet_claim', otherAccountId: 'acc_ann' }, names, translator('de'))).toBe(
      'Von Ann',
    );
  });

  it('says "Someone" for a person who is not a contact, and nothing without a single other person', () => {
    expect(statementParty({ kind: 'chat_transfer_hold', otherAccountId: 'acc_eve' }, names, en)).toBe('To Someone');
    expect(statementParty({ kind: 'red_packet_hold', otherAccountId: null }, names, en)).toBeNull();
    expect(statementParty({ kind: 'sandbox_top_up' }, names, en)).toBeNull();
  });
});
