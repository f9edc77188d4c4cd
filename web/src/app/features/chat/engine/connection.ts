// The device's one WebSocket to the server (docs/websocket-protocol.md): connects with the
// device token, reconnects with growing, jittered back-off, pings so the server's idle timer
// never fires, and pairs each `send` with its `sent` or `error` answer by clientMessageId.
// It knows nothing of MLS; the engine gives it frames and gets frames back.

export type ServerFrame = { type: string; [field: string]: unknown };

/** The part of the browser's WebSocket this class uses, so tests can hand in a fake. */
export interface SocketLike {
  readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'stopped';

export interface ConnectionOptions {
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  onFrame: (frame: ServerFrame) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** Called for close codes after which reconnecting is pointless (revoked device, replaced). */
  onTerminal?: (code: number) => void;
  setTimer?: (callback: () => void, millis: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const OPEN = 1;
const PING_MILLIS = 30_000;
const BACKOFF_FIRST_MILLIS = 500;
const BACKOFF_MAX_MILLIS = 30_000;
/** Close codes that end the connection for good: revoked (4001), replaced by a newer one (4009). */
const TERMINAL_CLOSE_CODES = new Set([4001, 4009]);
/** Answers waited for at once; more sends than this are refused rather than queued without end. */
const PENDING_REQUESTS_MAX = 1000;

/** The answer to a `send`: `sent` or `error`, or a local failure (offline, timeout). */
export type SendAnswer =
  { ok: true; frame: ServerFrame } | { ok: false; code: string; status: number; frame?: ServerFrame };

export function backoffMillis(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_FIRST_MILLIS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class Connection {
  private socket?: SocketLike;
  private attempt = 0;
  private stopped = true;
  private reconnectTimer?: unknown;
  private pingTimer?: unknown;
  private statusValue: ConnectionStatus = 'stopped';
  private readonly pending = new Map<string, (answer: SendAnswer) => void>();
  private readonly setTimer: (callback: () => void, millis: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: ConnectionOptions) {
    this.setTimer = options.setTimer ?? ((callback, millis) => setTimeout(callback, millis));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer(this.reconnectTimer);
    this.clearTimer(this.pingTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
    }
    this.failPending('stopped');
    this.setStatus('stopped');
  }

  /** Reconnect now (e.g. the browser came back online) instead of waiting for the back-off. */
  reconnectNow(): void {
    if (this.stopped || this.socket) return;
    this.clearTimer(this.reconnectTimer);
    this.attempt = 0;
    this.open();
  }

  /**
   * Closes the open socket and connects again at once: the server then sends everything after
   * this device's acknowledged positions, and its pending items, again.
   */
  resync(): void {
    if (this.stopped) return;
    const socket = this.socket;
    this.socket = undefined;
    this.clearTimer(this.pingTimer);
    this.clearTimer(this.reconnectTimer);
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
    }
    this.failPending('offline');
    this.attempt = 0;
    this.open();
  }

  /** The server finished catch-up (`ready`): the next failure starts the back-off afresh. */
  markReady(): void {
    this.attempt = 0;
    this.setStatus('online');
  }

  /** Sends a frame; false when there is no open socket. */
  send(frame: Record<string, unknown>): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a frame carrying a clientMessageId and waits for its `sent` or `error`. */
  request(frame: Record<string, unknown> & { clientMessageId: string }, timeoutMillis = 20_000): Promise<SendAnswer> {
    if (this.pending.size >= PENDING_REQUESTS_MAX) {
      return Promise.resolve({ ok: false, code: 'too_many_pending', status: 0 });
    }
    const id = frame.clientMessageId;
    return new Promise((resolve) => {
      const timer = this.setTimer(() => {
        this.pending.delete(id);
        resolve({ ok: false, code: 'timeout', status: 0 });
      }, timeoutMillis);
      this.pending.get(id)?.({ ok: false, code: 'superseded', status: 0 });
      this.pending.set(id, (answer) => {
        this.clearTimer(timer);
        this.pending.delete(id);
        resolve(answer);
      });
      if (!this.send(frame)) this.pending.get(id)?.({ ok: false, code: 'offline', status: 0 });
    });
  }

  private open(): void {
    this.setStatus('connecting');
    let socket: SocketLike;
    try {
      socket = (this.options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike))(
        this.options.url(),
      );
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.schedulePing();
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => undefined; // a close event follows
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.clearTimer(this.pingTimer);
      this.failPending('offline');
      if (TERMINAL_CLOSE_CODES.has(event.code)) {
        this.stopped = true;
        this.setStatus('stopped');
        this.options.onTerminal?.(event.code);
        return;
      }
      this.scheduleReconnect();
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (!frame || typeof frame.type !== 'string') return;
    if ((frame.type === 'sent' || frame.type === 'error') && typeof frame.clientMessageId === 'string') {
      const waiter = this.pending.get(frame.clientMessageId);
      if (waiter) {
        waiter(
          frame.type === 'sent'
            ? { ok: true, frame }
            : { ok: false, code: String(frame.code), status: Number(frame.status), frame },
        );
        return;
      }
    }
    this.options.onFrame(frame);
  }

  private schedulePing(): void {
    this.clearTimer(this.pingTimer);
    this.pingTimer = this.setTimer(() => {
      if (this.send({ type: 'ping' })) this.schedulePing();
    }, PING_MILLIS);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setStatus('offline');
    const delay = backoffMillis(this.attempt++);
    this.reconnectTimer = this.setTimer(() => {
      if (!this.stopped && !this.socket) this.open();
    }, delay);
  }

  private failPending(code: string): void {
    for (const waiter of [...this.pending.values()]) waiter({ ok: false, code, status: 0 });
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    this.options.onStatus?.(status);
  }
}
