package dev.atrium.miniapps;

/**
 * A notification as delivered to one account: already rendered in the account's language, plain
 * text only (clients must show it as text, never as markup).
 *
 * @param path where in the mini-program the notice leads, or null
 * @param readAtMillis when the account marked it read, or null while unread
 */
public record MiniAppNotice(
    String noticeId,
    String accountId,
    String appId,
    String templateId,
    String title,
    String body,
    String path,
    long createdAtMillis,
    Long readAtMillis) {}
