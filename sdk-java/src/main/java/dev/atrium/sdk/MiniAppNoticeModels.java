package dev.atrium.sdk;

import java.util.List;
import java.util.Map;

/** Shapes of mini-program notifications: templates, opt-ins, sending and the notices chat. */
public final class MiniAppNoticeModels {
  private MiniAppNoticeModels() {}

  /** The text of a template in one language ({@code en}, {@code de}, {@code fr}, {@code zh}). */
  public record Variant(String language, String title, String body) {}

  /** A new template; the only {@code kind} is {@code one_time}. */
  public record TemplateRequest(String kind, List<Variant> variants) {}

  public record Template(
      String templateId,
      String appId,
      String kind,
      List<Variant> variants,
      List<String> placeholders,
      long createdAt) {}

  public record TemplateList(List<Template> items) {}

  public record OptInRequest(List<String> templateIds) {}

  public record OptInAccepted(List<String> templateIds) {}

  public record OptIn(
      String appId, String appName, String templateId, String title, int credits, long updatedAt) {}

  public record OptInList(List<OptIn> items) {}

  /** What the app's server sends: one value per placeholder; {@code path} may be null. */
  public record Send(String openId, String templateId, Map<String, String> data, String path) {}

  public record Sent(String noticeId) {}

  public record Notice(
      String noticeId,
      String appId,
      String appName,
      String appIcon,
      String title,
      String body,
      String path,
      long createdAt,
      boolean read) {}

  public record NoticeList(List<Notice> items, long unread) {}

  public record ReadRequest(String upTo) {}

  public record ReadResponse(long unread) {}
}
