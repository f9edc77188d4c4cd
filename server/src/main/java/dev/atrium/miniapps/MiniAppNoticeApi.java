package dev.atrium.miniapps;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.util.List;
import java.util.Map;

/** The JSON shapes of mini-program notifications. */
final class MiniAppNoticeApi {
  private MiniAppNoticeApi() {}

  record TemplateRequest(
      @Required @Description("one_time: each opt-in allows one message.") String kind,
      @Required
          @Description(
              "1-4 variants, one per language (en, de, fr, zh); the first is used for other"
                  + " languages. Title at most 40 characters, body at most 200, with at most 8"
                  + " different {{placeholders}}.")
          List<VariantBody> variants) {}

  record VariantBody(@Required String language, @Required String title, @Required String body) {}

  record TemplateResponse(
      String templateId,
      String appId,
      String kind,
      List<VariantBody> variants,
      List<String> placeholders,
      long createdAt) {
    static TemplateResponse of(MiniAppTemplate template) {
      return new TemplateResponse(
          template.templateId(),
          template.appId(),
          template.kind(),
          template.variants().stream()
              .map(v -> new VariantBody(v.language(), v.title(), v.body()))
              .toList(),
          template.placeholders(),
          template.createdAtMillis());
    }
  }

  record TemplateList(List<TemplateResponse> items) {}

  record OptInRequest(
      @Required @Description("1-3 template ids of this mini-program the user accepted.")
          List<String> templateIds) {}

  record OptInAccepted(List<String> templateIds) {}

  record OptInResponse(
      String appId, String appName, String templateId, String title, int credits, long updatedAt) {}

  record OptInList(List<OptInResponse> items) {}

  record SendRequest(
      @Required @Description("The user's pseudonymous id for this mini-program.") String openId,
      @Required String templateId,
      @Description("A value (at most 64 characters of plain text) for every placeholder.")
          Map<String, String> data,
      @Description("Where in the mini-program the notice leads, at most 256 characters.")
          String path) {}

  record SendResponse(String noticeId) {}

  record NoticeResponse(
      String noticeId,
      String appId,
      String appName,
      String appIcon,
      String title,
      String body,
      String path,
      long createdAt,
      boolean read) {}

  record NoticeList(
      @Description("Newest first.") List<NoticeResponse> items,
      @Description("Unread notices of the account in all.") long unread) {}

  record ReadRequest(
      @Required @Description("This notice and every older one are marked read.") String upTo) {}

  record ReadResponse(long unread) {}
}
