// Whether this server moves money to and from bank accounts (SEPA), so the wallet offers bank
// top-ups and withdrawals only where they can work.
import { ApiError } from '../../api/client';

/**
 * True unless the server says bank transfers are not set up (409 sepa_not_configured) when asked
 * for top-up details. Any other failure (offline, a timeout) keeps the bank links: their own
 * screens then show what went wrong.
 */
export async function bankTransfersOffered(topUpInstructions: () => Promise<unknown>): Promise<boolean> {
  try {
    await topUpInstructions();
    return true;
  } catch (error) {
    return !(error instanceof ApiError && error.code === 'sepa_not_configured');
  }
}
