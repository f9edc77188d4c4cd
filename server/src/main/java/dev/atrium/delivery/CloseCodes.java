package dev.atrium.delivery;

/**
 * WebSocket close codes the server uses, documented for clients. 4000-4999 are ours; after any of
 * them a client reconnects (except 4001) and resumes from its cursors.
 */
final class CloseCodes {
  /** The device was revoked or its account disabled or deleted: log in again, do not reconnect. */
  static final int DEVICE_REVOKED = 4001;

  /** Too many malformed frames. */
  static final int PROTOCOL_VIOLATION = 4002;

  /** The device opened a newer connection; this one is closed. */
  static final int REPLACED = 4009;

  /** The connection fell too far behind (its outbound queue filled up): reconnect and resync. */
  static final int TOO_SLOW = 4008;

  /** The server is stopping: reconnect (to another node) shortly. */
  static final int SERVER_STOPPING = 1001;

  private CloseCodes() {}
}
