// Who is on the other side of a wallet statement line, in words: "To Bob", "From Ann".
import type { StatementLine } from './wallet-api';
import type { MessageKey, Translate } from '../../catalogue';

const DIRECTION: Readonly<Record<string, MessageKey>> = {
  chat_transfer_hold: 'wallet.party.to',
  chat_transfer_refund: 'wallet.party.to',
  chat_transfer_accept: 'wallet.party.from',
  red_packet_claim: 'wallet.party.from',
};

/**
 * "To Bob" / "From Ann" for chat payments, from the other person's account id the server gives
 * and the names this device knows (contacts); null for lines without a single other person.
 */
export function statementParty(
  line: Pick<StatementLine, 'kind' | 'otherAccountId'>,
  names: ReadonlyMap<string, string>,
  t: Translate,
): string | null {
  const direction = DIRECTION[line.kind];
  if (!direction || !line.otherAccountId) return null;
  return t(direction, { name: names.get(line.otherAccountId) ?? t('chat.someone') });
}
