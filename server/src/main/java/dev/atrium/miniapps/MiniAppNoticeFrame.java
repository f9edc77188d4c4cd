package dev.atrium.miniapps;

/**
 * The live frame {@code miniapp_notice} pushed to an account's connected devices when a notice
 * arrives (docs/websocket-protocol.md). Plain text; the app's icon is in the notices list.
 */
record MiniAppNoticeFrame(
    String type,
    String noticeId,
    String appId,
    String appName,
    String title,
    String body,
    String path,
    long createdAt) {

  static MiniAppNoticeFrame of(MiniAppNotice notice, MiniApp app) {
    return new MiniAppNoticeFrame(
        "miniapp_notice",
        notice.noticeId(),
        app.appId(),
        app.name(),
        notice.title(),
        notice.body(),
        notice.path(),
        notice.createdAtMillis());
  }
}
