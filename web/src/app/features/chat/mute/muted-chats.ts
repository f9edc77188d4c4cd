// The chats this account muted (the server keeps them per account, so every device agrees): a
// muted chat wakes no device, notifies nothing and counts only as a dot, not a number. Screens
// read it synchronously; it loads once per sign-in and follows this device's own changes.
import type { AtriumApi } from '../../../api/atrium';

/** A mute as the server returns it; `mutedUntil` absent or null means until unmuted. */
export interface Mute {
  conversationId: string;
  mutedUntil?: string | null;
}

/** How long a mute lasts: until unmuted, or for a while. */
export type MuteDuration = 'always' | '8h' | '1w';

const DURATION_MILLIS: Record<Exclude<MuteDuration, 'always'>, number> = {
  '8h': 8 * 3600_000,
  '1w': 7 * 24 * 3600_000,
};

/** The muted chats of the signed-in account. Single-threaded like the page. */
export class MutedChats {
  private readonly mutes = new Map<string, number | null>();
  private readonly listeners = new Set<() => void>();
  /** Grows with every change, so effects that read the mutes know to run again. */
  version = 0;

  constructor(
    private readonly api: Pick<AtriumApi, 'client'>,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<void> {
    const listed = await this.api.client.get<Mute[]>('/api/v1/muted-conversations');
    this.mutes.clear();
    for (const mute of listed) this.remember(mute);
    this.emit();
  }

  isMuted(conversationId: string): boolean {
    if (!this.mutes.has(conversationId)) return false;
    const until = this.mutes.get(conversationId);
    return until === null || until === undefined || until > this.now();
  }

  async mute(conversationId: string, duration: MuteDuration): Promise<void> {
    const until = duration === 'always' ? null : new Date(this.now() + DURATION_MILLIS[duration]).toISOString();
    const mute = await this.api.client.put<Mute>(
      `/api/v1/conversations/${encodeURIComponent(conversationId)}/mute`,
      until ? { until } : {},
    );
    this.remember(mute);
    this.emit();
  }

  async unmute(conversationId: string): Promise<void> {
    await this.api.client.delete(`/api/v1/conversations/${encodeURIComponent(conversationId)}/mute`);
    this.mutes.delete(conversationId);
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private remember(mute: Mute): void {
    this.mutes.set(mute.conversationId, mute.mutedUntil ? Date.parse(mute.mutedUntil) : null);
  }

  private emit(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
