package dev.atrium.miniapps;

/**
 * What notices need from other features about the receiving account: its language, and a way to
 * wake its devices whose app is closed (notifications' Web Push). Filled by the composition root.
 */
public interface MiniAppNoticeTargets {
  /** The account's language code ({@code en}, {@code de}, {@code fr} or {@code zh}). */
  String languageOf(String accountId);

  /** Wakes the account's devices that are not connected; cheap and non-blocking. */
  void wake(String accountId);
}
