// The shop owner's list of payments, kept current while it is open.

/**
 * The newest page merged into the list shown (newest first): payments not shown yet go on top,
 * shown ones are replaced by their fresh state (a refund elsewhere), older pages stay.
 */
export function mergeNewest<T extends { id: string }>(shown: readonly T[], newest: readonly T[]): T[] {
  const fresh = new Map(newest.map((payment) => [payment.id, payment]));
  const known = new Set(shown.map((payment) => payment.id));
  return [
    ...newest.filter((payment) => !known.has(payment.id)),
    ...shown.map((payment) => fresh.get(payment.id) ?? payment),
  ];
}
