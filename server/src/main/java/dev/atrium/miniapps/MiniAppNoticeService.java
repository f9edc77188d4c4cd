package dev.atrium.miniapps;

import dev.atrium.delivery.LiveEvents;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mini-program notifications: providers declare templates, users opt in (each opt-in one credit for
 * one message), providers send to a user's openId, and the account receives the rendered notice in
 * its system chat "Mini-program notifications", live on connected devices and as a wake-up on the
 * others. Thread-safe.
 */
public final class MiniAppNoticeService {
  static final int TEMPLATES_PER_APP_MAX = 20;
  static final int TEMPLATES_PER_OPT_IN_MAX = 3;
  static final int CREDITS_PER_TEMPLATE_MAX = 10;
  static final int NOTICES_PER_ACCOUNT_MAX = 500;
  static final int NOTICE_PAGE_ROWS_MAX = 100;
  static final int NOTICE_PAGE_ROWS_DEFAULT = 50;
  static final int OPT_INS_LISTED_MAX = 500;
  // Ids from clients are checked before they reach SQL: PostgreSQL refuses NUL in text.
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Database database;
  private final Clock clock;
  private final RateLimits rateLimits;
  private final MiniAppService apps;
  private final MiniAppUserLookup users;
  private final MiniAppNoticeTargets targets;
  private final LiveEvents live;
  private final MiniAppNoticeStore store = new MiniAppNoticeStore();

  MiniAppNoticeService(
      Database database,
      Clock clock,
      RateLimits rateLimits,
      MiniAppService apps,
      MiniAppUserLookup users,
      MiniAppNoticeTargets targets,
      LiveEvents live) {
    this.database = database;
    this.clock = clock;
    this.rateLimits = rateLimits;
    this.apps = apps;
    this.users = users;
    this.targets = targets;
    this.live = live;
  }

  // Providers: templates

  /** Declares a template for the owner's app; 409 beyond {@link #TEMPLATES_PER_APP_MAX}. */
  MiniAppTemplate createTemplate(
      String ownerAccountId, String appId, String kind, List<MiniAppTemplate.Variant> variants) {
    MiniApp app = apps.owned(ownerAccountId, appId);
    List<MiniAppTemplate.Variant> checked = MiniAppTemplateRules.variants(kind, variants);
    MiniAppTemplate template =
        new MiniAppTemplate(
            "mt_" + SecretTokens.newId(),
            app.appId(),
            kind,
            checked,
            MiniAppTemplateRules.placeholders(checked),
            clock.millis());
    return database.inTransaction(
        handle -> {
          if (store.templateCount(handle, app.appId()) >= TEMPLATES_PER_APP_MAX) {
            throw new MiniAppNoticeError.TooManyTemplates(TEMPLATES_PER_APP_MAX);
          }
          store.insertTemplate(handle, template);
          return template;
        });
  }

  List<MiniAppTemplate> templates(String ownerAccountId, String appId) {
    MiniApp app = apps.owned(ownerAccountId, appId);
    return database.read(handle -> store.templates(handle, app.appId(), TEMPLATES_PER_APP_MAX));
  }

  /** Deletes the template and every credit users gave for it. */
  void deleteTemplate(String ownerAccountId, String appId, String templateId) {
    MiniApp app = apps.owned(ownerAccountId, appId);
    database.inTransaction(
        handle -> {
          templateOf(handle, app.appId(), templateId);
          store.deleteTemplate(handle, templateId);
          return null;
        });
  }

  // Users: opt-ins

  /**
   * The user accepted these templates of a listed app (the bridge's {@code requestSubscribe}): each
   * gets one more credit, up to {@link #CREDITS_PER_TEMPLATE_MAX}.
   */
  List<MiniAppTemplate> optIn(String accountId, String appId, List<String> templateIds) {
    MiniApp app = apps.listed(appId);
    if (app.scopes().stream().noneMatch(scope -> scope.scope() == MiniApp.Scope.NOTIFICATIONS)) {
      throw new MiniAppNoticeError.ScopeNotRequested();
    }
    if (templateIds == null
        || templateIds.isEmpty()
        || templateIds.size() > TEMPLATES_PER_OPT_IN_MAX
        || templateIds.stream().distinct().count() != templateIds.size()) {
      throw RequestError.validation(
          "templateIds", "Between 1 and " + TEMPLATES_PER_OPT_IN_MAX + " different template ids.");
    }
    long now = clock.millis();
    return database.inTransaction(
        handle -> {
          List<MiniAppTemplate> accepted = new ArrayList<>();
          for (String templateId : templateIds) {
            MiniAppTemplate template = templateOf(handle, app.appId(), templateId);
            store.addCredit(handle, accountId, template, CREDITS_PER_TEMPLATE_MAX, now);
            accepted.add(template);
          }
          return accepted;
        });
  }

  /** The account's opt-ins with credits left, newest first, with the template for its title. */
  List<OptInView> optIns(String accountId) {
    return database.read(
        handle ->
            store.optInsOf(handle, accountId, OPT_INS_LISTED_MAX).stream()
                .flatMap(
                    optIn ->
                        store.template(handle, optIn.templateId()).stream()
                            .map(template -> new OptInView(optIn, template)))
                .toList());
  }

  /** Withdraws every credit the account gave this template; 404 when there were none. */
  void withdraw(String accountId, String templateId) {
    boolean removed =
        looksLikeId(templateId)
            && database.inTransaction(handle -> store.deleteOptIn(handle, accountId, templateId));
    if (!removed) {
      throw new MiniAppNoticeError.TemplateNotFound();
    }
  }

  /** An opt-in with its template. */
  record OptInView(MiniAppNoticeOptIn optIn, MiniAppTemplate template) {}

  // Providers: sending

  /**
   * Sends one notice to the app's user: spends one credit (409 {@code no_opt_in} when there is
   * none, and the same for an openId this app does not know), renders it in the account's language,
   * stores it, then pushes it live and wakes the account's closed apps.
   */
  MiniAppNotice send(
      MiniApp app, String openId, String templateId, Map<String, String> data, String path) {
    rateLimits.acquire(RateLimiter.MINIAPP_NOTICE_PER_APP, app.appId());
    MiniAppTemplate template = database.read(handle -> templateOf(handle, app.appId(), templateId));
    Map<String, String> values = MiniAppTemplateRules.values(template, data);
    String checkedPath = MiniAppTemplateRules.path(path);
    String accountId =
        !looksLikeId(openId) ? null : users.accountOf(app.appId(), openId).orElse(null);
    if (accountId == null) {
      throw new MiniAppNoticeError.NoOptIn();
    }
    rateLimits.acquire(RateLimiter.MINIAPP_NOTICE_PER_APP_USER, app.appId() + ":" + accountId);
    MiniAppTemplate.Variant variant = template.variantFor(targets.languageOf(accountId));
    MiniAppNotice notice =
        new MiniAppNotice(
            "mn_" + SecretTokens.newId(),
            accountId,
            app.appId(),
            template.templateId(),
            MiniAppTemplateRules.render(variant.title(), values),
            MiniAppTemplateRules.render(variant.body(), values),
            checkedPath,
            clock.millis(),
            null);
    database.inTransaction(
        handle -> {
          if (!store.spendCredit(handle, accountId, template.templateId())) {
            throw new MiniAppNoticeError.NoOptIn();
          }
          store.insertNotice(handle, notice);
          store.trim(handle, accountId, NOTICES_PER_ACCOUNT_MAX);
          return null;
        });
    live.toAccounts(List.of(accountId), MiniAppNoticeFrame.of(notice, app));
    targets.wake(accountId);
    return notice;
  }

  // Users: the system chat

  /** A page of the account's notices, newest first, older than {@code beforeNoticeId} if set. */
  Page notices(String accountId, String beforeNoticeId, int limit) {
    return database.read(
        handle -> {
          MiniAppNotice before = null;
          if (beforeNoticeId != null && !looksLikeId(beforeNoticeId)) {
            throw RequestError.invalidParameter("before", "must be the id of one of your notices.");
          }
          if (beforeNoticeId != null) {
            before =
                store
                    .notice(handle, accountId, beforeNoticeId)
                    .orElseThrow(
                        () ->
                            RequestError.invalidParameter(
                                "before", "must be the id of one of your notices."));
          }
          int rows = Math.clamp(limit, 1, NOTICE_PAGE_ROWS_MAX);
          return new Page(
              store.notices(handle, accountId, before, rows), store.unreadCount(handle, accountId));
        });
  }

  /** Marks {@code upToNoticeId} and every older notice read; answers the unread count left. */
  long markRead(String accountId, String upToNoticeId) {
    if (!looksLikeId(upToNoticeId)) {
      throw RequestError.validation("upTo", "Not one of your notices.");
    }
    return database.inTransaction(
        handle -> {
          MiniAppNotice upTo =
              store
                  .notice(handle, accountId, upToNoticeId)
                  .orElseThrow(() -> RequestError.validation("upTo", "Not one of your notices."));
          store.markRead(handle, upTo, clock.millis());
          return store.unreadCount(handle, accountId);
        });
  }

  /** Notices, newest first, with the number still unread. */
  record Page(List<MiniAppNotice> notices, long unread) {}

  /** The app for a notice's name and icon; empty when it is gone. */
  Optional<MiniApp> app(String appId) {
    return apps.app(appId);
  }

  // Account data

  /** What the export shows: the stored notices and the opt-ins with credits left. */
  Export export(String accountId) {
    return database.read(
        handle ->
            new Export(
                store.notices(handle, accountId, null, NOTICES_PER_ACCOUNT_MAX),
                store.optInsOf(handle, accountId, OPT_INS_LISTED_MAX)));
  }

  /** Deleting the account removes its notices and opt-ins. */
  void onAccountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          store.deleteAccount(handle, accountId);
          return null;
        });
  }

  /** The export section {@code miniappNotices}. */
  record Export(List<MiniAppNotice> notices, List<MiniAppNoticeOptIn> optIns) {}

  private MiniAppTemplate templateOf(Handle handle, String appId, String templateId) {
    if (!looksLikeId(templateId)) {
      throw new MiniAppNoticeError.TemplateNotFound();
    }
    return store
        .template(handle, templateId)
        .filter(template -> template.appId().equals(appId))
        .orElseThrow(MiniAppNoticeError.TemplateNotFound::new);
  }

  private static boolean looksLikeId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
