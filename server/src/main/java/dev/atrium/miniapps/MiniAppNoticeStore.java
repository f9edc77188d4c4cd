package dev.atrium.miniapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import dev.atrium.platform.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * SQL for mini-program notifications (tables {@code miniapp_notice_templates}, {@code
 * miniapp_notice_opt_ins}, {@code miniapp_notices}).
 */
final class MiniAppNoticeStore {
  private static final TypeReference<List<MiniAppTemplate.Variant>> VARIANTS =
      new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String TEMPLATE_COLUMNS =
      "template_id, app_id, kind, variants_json, placeholders_json, created_at";
  private static final RowMapper<MiniAppTemplate> TEMPLATE =
      row ->
          new MiniAppTemplate(
              row.getString("template_id"),
              row.getString("app_id"),
              row.getString("kind"),
              read(row.getString("variants_json"), VARIANTS),
              read(row.getString("placeholders_json"), STRINGS),
              row.getLong("created_at"));
  private static final String OPT_IN_COLUMNS =
      "account_id, template_id, app_id, credits, updated_at";
  private static final RowMapper<MiniAppNoticeOptIn> OPT_IN =
      row ->
          new MiniAppNoticeOptIn(
              row.getString("account_id"),
              row.getString("template_id"),
              row.getString("app_id"),
              row.getInt("credits"),
              row.getLong("updated_at"));
  private static final String NOTICE_COLUMNS =
      "notice_id, account_id, app_id, template_id, title, body, path, created_at, read_at";
  private static final RowMapper<MiniAppNotice> NOTICE =
      row -> {
        long readAt = row.getLong("read_at");
        Long readAtMillis = row.wasNull() ? null : readAt;
        return new MiniAppNotice(
            row.getString("notice_id"),
            row.getString("account_id"),
            row.getString("app_id"),
            row.getString("template_id"),
            row.getString("title"),
            row.getString("body"),
            row.getString("path"),
            row.getLong("created_at"),
            readAtMillis);
      };

  // Templates

  void insertTemplate(Handle handle, MiniAppTemplate template) {
    handle.update(
        "INSERT INTO miniapp_notice_templates (" + TEMPLATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        template.templateId(),
        template.appId(),
        template.kind(),
        Json.write(template.variants()),
        Json.write(template.placeholders()),
        template.createdAtMillis());
  }

  long templateCount(Handle handle, String appId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM miniapp_notice_templates WHERE app_id = ?", appId);
  }

  List<MiniAppTemplate> templates(Handle handle, String appId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + TEMPLATE_COLUMNS
            + " FROM miniapp_notice_templates WHERE app_id = ?"
            + " ORDER BY created_at, template_id LIMIT ?",
        TEMPLATE,
        rowsMax,
        appId,
        rowsMax);
  }

  Optional<MiniAppTemplate> template(Handle handle, String templateId) {
    return handle.queryOne(
        "SELECT " + TEMPLATE_COLUMNS + " FROM miniapp_notice_templates WHERE template_id = ?",
        TEMPLATE,
        templateId);
  }

  /** Deletes the template and every credit given for it. */
  void deleteTemplate(Handle handle, String templateId) {
    handle.update("DELETE FROM miniapp_notice_opt_ins WHERE template_id = ?", templateId);
    handle.update("DELETE FROM miniapp_notice_templates WHERE template_id = ?", templateId);
  }

  // Opt-ins

  /** Adds one credit for the pair, never above {@code creditsMax}. */
  void addCredit(
      Handle handle, String accountId, MiniAppTemplate template, int creditsMax, long nowMillis) {
    int changed =
        handle.update(
            "UPDATE miniapp_notice_opt_ins SET credits = CASE WHEN credits < ? THEN credits + 1"
                + " ELSE credits END, updated_at = ? WHERE account_id = ? AND template_id = ?",
            creditsMax,
            nowMillis,
            accountId,
            template.templateId());
    if (changed == 0) {
      handle.update(
          "INSERT INTO miniapp_notice_opt_ins (" + OPT_IN_COLUMNS + ") VALUES (?, ?, ?, 1, ?)",
          accountId,
          template.templateId(),
          template.appId(),
          nowMillis);
    }
  }

  /** Spends one credit; false when there was none. */
  boolean spendCredit(Handle handle, String accountId, String templateId) {
    int changed =
        handle.update(
            "UPDATE miniapp_notice_opt_ins SET credits = credits - 1"
                + " WHERE account_id = ? AND template_id = ? AND credits > 0",
            accountId,
            templateId);
    handle.update(
        "DELETE FROM miniapp_notice_opt_ins"
            + " WHERE account_id = ? AND template_id = ? AND credits <= 0",
        accountId,
        templateId);
    return changed == 1;
  }

  List<MiniAppNoticeOptIn> optInsOf(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + OPT_IN_COLUMNS
            + " FROM miniapp_notice_opt_ins WHERE account_id = ?"
            + " ORDER BY updated_at DESC, template_id LIMIT ?",
        OPT_IN,
        rowsMax,
        accountId,
        rowsMax);
  }

  boolean deleteOptIn(Handle handle, String accountId, String templateId) {
    return handle.update(
            "DELETE FROM miniapp_notice_opt_ins WHERE account_id = ? AND template_id = ?",
            accountId,
            templateId)
        == 1;
  }

  // Notices

  void insertNotice(Handle handle, MiniAppNotice notice) {
    handle.update(
        "INSERT INTO miniapp_notices (" + NOTICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        notice.noticeId(),
        notice.accountId(),
        notice.appId(),
        notice.templateId(),
        notice.title(),
        notice.body(),
        notice.path(),
        notice.createdAtMillis(),
        notice.readAtMillis());
  }

  /** Deletes all but the newest {@code keep} notices of the account. */
  void trim(Handle handle, String accountId, int keep) {
    handle.update(
        "DELETE FROM miniapp_notices WHERE account_id = ? AND notice_id NOT IN ("
            + "SELECT notice_id FROM miniapp_notices WHERE account_id = ?"
            + " ORDER BY created_at DESC, notice_id DESC LIMIT ?)",
        accountId,
        accountId,
        keep);
  }

  Optional<MiniAppNotice> notice(Handle handle, String accountId, String noticeId) {
    return handle.queryOne(
        "SELECT " + NOTICE_COLUMNS + " FROM miniapp_notices WHERE account_id = ? AND notice_id = ?",
        NOTICE,
        accountId,
        noticeId);
  }

  /** Newest first; with {@code before}, only notices older than it. */
  List<MiniAppNotice> notices(Handle handle, String accountId, MiniAppNotice before, int rowsMax) {
    if (before == null) {
      return handle.queryList(
          "SELECT "
              + NOTICE_COLUMNS
              + " FROM miniapp_notices WHERE account_id = ?"
              + " ORDER BY created_at DESC, notice_id DESC LIMIT ?",
          NOTICE,
          rowsMax,
          accountId,
          rowsMax);
    }
    return handle.queryList(
        "SELECT "
            + NOTICE_COLUMNS
            + " FROM miniapp_notices WHERE account_id = ?"
            + " AND (created_at < ? OR (created_at = ? AND notice_id < ?))"
            + " ORDER BY created_at DESC, notice_id DESC LIMIT ?",
        NOTICE,
        rowsMax,
        accountId,
        before.createdAtMillis(),
        before.createdAtMillis(),
        before.noticeId(),
        rowsMax);
  }

  long unreadCount(Handle handle, String accountId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM miniapp_notices WHERE account_id = ? AND read_at IS NULL", accountId);
  }

  /** Marks {@code upTo} and every older notice read. */
  void markRead(Handle handle, MiniAppNotice upTo, long nowMillis) {
    handle.update(
        "UPDATE miniapp_notices SET read_at = ? WHERE account_id = ? AND read_at IS NULL"
            + " AND (created_at < ? OR (created_at = ? AND notice_id <= ?))",
        nowMillis,
        upTo.accountId(),
        upTo.createdAtMillis(),
        upTo.createdAtMillis(),
        upTo.noticeId());
  }

  void deleteAccount(Handle handle, String accountId) {
    handle.update("DELETE FROM miniapp_notices WHERE account_id = ?", accountId);
    handle.update("DELETE FROM miniapp_notice_opt_ins WHERE account_id = ?", accountId);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored notice template is not valid JSON", e);
    }
  }
}
