package dev.atrium.sdk;

import dev.atrium.sdk.MiniAppNoticeModels.NoticeList;
import dev.atrium.sdk.MiniAppNoticeModels.OptInAccepted;
import dev.atrium.sdk.MiniAppNoticeModels.OptInList;
import dev.atrium.sdk.MiniAppNoticeModels.OptInRequest;
import dev.atrium.sdk.MiniAppNoticeModels.ReadRequest;
import dev.atrium.sdk.MiniAppNoticeModels.Send;
import dev.atrium.sdk.MiniAppNoticeModels.Sent;
import dev.atrium.sdk.MiniAppNoticeModels.Template;
import dev.atrium.sdk.MiniAppNoticeModels.TemplateList;
import dev.atrium.sdk.MiniAppNoticeModels.TemplateRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Mini-program notifications: the owner's templates (device token), a user's opt-ins and notices
 * (device token), and sending from the app's server (the client's token {@code <appId>.<secret>}).
 * Immutable and thread-safe.
 */
public final class MiniAppNoticesClient {
  private static final String ME = "/api/v1/me/miniapp-notices";
  private final AtriumClient client;

  MiniAppNoticesClient(AtriumClient client) {
    this.client = client;
  }

  // The app's owner

  public Template createTemplate(String appId, TemplateRequest template) {
    return client.send("POST", templatesPath(appId), template, Template.class);
  }

  public TemplateList templates(String appId) {
    return client.send("GET", templatesPath(appId), null, TemplateList.class);
  }

  public void deleteTemplate(String appId, String templateId) {
    client.send(
        "DELETE", templatesPath(appId) + "/" + AtriumClient.encode(templateId), null, Void.class);
  }

  // Users

  /** The user accepted these templates (what the bridge's {@code requestSubscribe} sends). */
  public OptInAccepted optIn(String appId, List<String> templateIds) {
    return client.send(
        "POST",
        "/api/v1/miniapps/" + AtriumClient.encode(appId) + "/notice-opt-ins",
        new OptInRequest(templateIds),
        OptInAccepted.class);
  }

  public OptInList optIns() {
    return client.send("GET", ME + "/opt-ins", null, OptInList.class);
  }

  public void withdraw(String templateId) {
    client.send("DELETE", ME + "/opt-ins/" + AtriumClient.encode(templateId), null, Void.class);
  }

  /** The notices chat, newest first; {@code before} (a notice id) may be null. */
  public NoticeList notices(int limit, String before) {
    StringBuilder query = new StringBuilder("?limit=").append(limit);
    if (before != null) {
      query.append("&before=").append(URLEncoder.encode(before, StandardCharsets.UTF_8));
    }
    return client.send("GET", ME + query, null, NoticeList.class);
  }

  /** Marks {@code upTo} and every older notice read; answers the unread count left. */
  public long markRead(String upTo) {
    return client
        .send("POST", ME + "/read", new ReadRequest(upTo), MiniAppNoticeModels.ReadResponse.class)
        .unread();
  }

  // The app's own server

  /** Sends one notice; 409 {@code no_opt_in} when the user has no credit for the template. */
  public Sent send(Send notice) {
    return client.send("POST", "/api/v1/provider/notices", notice, Sent.class);
  }

  private static String templatesPath(String appId) {
    return "/api/v1/miniapps/" + AtriumClient.encode(appId) + "/notice-templates";
  }
}
