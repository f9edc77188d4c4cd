package dev.atrium.miniapps;

/**
 * What one account allowed one template: {@code credits} more messages, one spent per send (a
 * one-time opt-in, as WeChat's subscription messages).
 */
public record MiniAppNoticeOptIn(
    String accountId, String templateId, String appId, int credits, long updatedAtMillis) {}
