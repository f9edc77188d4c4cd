// Idempotency keys for money-moving requests. One user action (top up 20 €) keeps its key
// across retries, so a request whose answer was lost (a network error after the server
// committed) is answered by the server from its record instead of moving the money twice. A
// changed request (another amount) is another action and gets a new key; so does the next
// action after a success.

/** A random key: crypto.randomUUID where the page is a secure context, else 128 random bits. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The key of one user action; the request is compared as JSON (without any PIN). */
export class IdempotentAction<Request> {
  private pending: { fingerprint: string; key: string } | null = null;

  constructor(private readonly newKey: () => string = newIdempotencyKey) {}

  /** The key for this request: the pending one if the request is the same, else a new one. */
  keyFor(request: Request): string {
    const fingerprint = JSON.stringify(request);
    if (!this.pending || this.pending.fingerprint !== fingerprint) {
      this.pending = { fingerprint, key: this.newKey() };
    }
    return this.pending.key;
  }

  /**
   * Sends the request with its key. A failure keeps the key for the retry (the server stores
   * only successes, so a refused request runs again); a success ends the action.
   */
  async run<T>(request: Request, send: (key: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(request);
    const result = await send(key);
    if (this.pending?.key === key) this.pending = null;
    return result;
  }
}
