package dev.atrium.notifications;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Muted chats: an account mutes a conversation for a while or until it unmutes, and none of its
 * devices is woken for that conversation meanwhile. Clients read the list to stay quiet too.
 */
final class MuteService {
  /** More mutes than anyone has chats; the list is read whole by clients. */
  static final int MUTES_PER_ACCOUNT_MAX = 5_000;

  private static final int MUTING_ACCOUNTS_MAX = 100_000;

  private final Database database;
  private final Clock clock;
  private final ConversationMembership conversations;
  private final MuteStore store = new MuteStore();

  MuteService(Database database, Clock clock, ConversationMembership conversations) {
    this.database = database;
    this.clock = clock;
    this.conversations = conversations;
  }

  /** Mutes until {@code until}, or until unmuted when null; only members may, others get 404. */
  Mute mute(Caller caller, String conversationId, Instant until) {
    requireMember(caller, conversationId);
    long now = clock.millis();
    if (until != null && until.toEpochMilli() <= now) {
      throw RequestError.validation(
          "until", "Must be in the future, or absent to mute until unmuted.");
    }
    Mute mute =
        new Mute(caller.accountId(), conversationId, until == null ? null : until.toEpochMilli());
    database.inTransaction(
        handle -> {
          store.deleteEnded(handle, caller.accountId(), now);
          List<Mute> active =
              store.activeOf(handle, caller.accountId(), now, MUTES_PER_ACCOUNT_MAX);
          if (active.size() >= MUTES_PER_ACCOUNT_MAX
              && active.stream()
                  .noneMatch(existing -> existing.conversationId().equals(conversationId))) {
            throw RequestError.validation(
                "conversationId", "At most " + MUTES_PER_ACCOUNT_MAX + " muted chats.");
          }
          store.upsert(handle, mute);
          return null;
        });
    return mute;
  }

  void unmute(Caller caller, String conversationId) {
    requireMember(caller, conversationId);
    database.inTransaction(handle -> store.delete(handle, caller.accountId(), conversationId));
  }

  List<Mute> mutesOf(String accountId) {
    return database.read(
        handle -> store.activeOf(handle, accountId, clock.millis(), MUTES_PER_ACCOUNT_MAX));
  }

  Set<String> mutingAccounts(String conversationId) {
    return database.read(
        handle ->
            store.mutingAccounts(handle, conversationId, clock.millis(), MUTING_ACCOUNTS_MAX));
  }

  Object export(String accountId) {
    return mutesOf(accountId).stream()
        .map(
            mute -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("conversationId", mute.conversationId());
              row.put(
                  "mutedUntil",
                  mute.untilMillis() == null
                      ? null
                      : Instant.ofEpochMilli(mute.untilMillis()).toString());
              return row;
            })
        .toList();
  }

  void deleteAllOf(String accountId) {
    database.inTransaction(
        handle -> {
          store.deleteAllOf(handle, accountId);
          return null;
        });
  }

  private void requireMember(Caller caller, String conversationId) {
    if (!conversations.isMember(caller.accountId(), conversationId)) {
      throw RequestError.notFound();
    }
  }
}
