// "Mark as verified", kept on this device only: the safety number the user compared is stored
// per contact. When the contact's (or this account's) device keys change, the number changes
// and the stored one no longer matches: the contact is no longer verified and the screens warn.
import type { LocalDb } from '../../../store/local-db';

const VERIFIED_PREFIX = 'verified:';

export interface VerifiedRecord {
  /** The safety number the user compared, as formatted. */
  safetyNumber: string;
  verifiedAt: number;
}

export type VerificationStatus = 'unverified' | 'verified' | 'changed';

export async function verificationStatus(
  db: LocalDb,
  accountId: string,
  currentNumber: string,
): Promise<VerificationStatus> {
  const record = await db.get<VerifiedRecord>(VERIFIED_PREFIX + accountId);
  if (!record) return 'unverified';
  return record.safetyNumber === currentNumber ? 'verified' : 'changed';
}

export async function markVerified(db: LocalDb, accountId: string, currentNumber: string): Promise<void> {
  await db.setMany([
    [VERIFIED_PREFIX + accountId, { safetyNumber: currentNumber, verifiedAt: Date.now() } satisfies VerifiedRecord],
  ]);
}

export async function clearVerified(db: LocalDb, accountId: string): Promise<void> {
  await db.del(VERIFIED_PREFIX + accountId);
}
