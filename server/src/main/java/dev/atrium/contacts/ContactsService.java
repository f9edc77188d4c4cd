package dev.atrium.contacts;

import dev.atrium.identity.Account;
import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.limits.Invariants;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Friend requests, contacts, blocks and contact links. Each change is one transaction; those whose
 * checks span the pair's state (send, accept, remove, block) first take the locks of {@link
 * ContactLocks}. Other features ask {@link #areContacts} and {@link #isBlockedEitherWay}. Logs
 * nothing about who relates to whom: the social graph stays in the database, which export and
 * deletion cover. Thread-safe.
 */
public final class ContactsService {
  static final int PAGE_ROWS_MAX = 200;

  /** Rows per list in an export; far above what a person accumulates. */
  static final int EXPORT_ROWS_MAX = 100_000;

  /** Random bytes of a contact-link token: 128 bits, 22 URL-safe characters. */
  private static final int LINK_TOKEN_BYTES = 16;

  static {
    // A page's profiles are looked up in one identity call.
    Invariants.check(
        PAGE_ROWS_MAX <= IdentityService.ACCOUNTS_PER_LOOKUP_MAX, "a page fits one profile lookup");
  }

  private final Database database;
  private final IdentityService identity;
  private final RateLimits rateLimits;
  private final Clock clock;
  private final ContactsSettings settings;
  private final ContactRequestStore requests = new ContactRequestStore();
  private final ContactStore contacts = new ContactStore();
  private final BlockStore blocks = new BlockStore();
  private final ContactLinkStore links = new ContactLinkStore();
  private final ContactLocks locks = new ContactLocks();
  private volatile ContactRequestListener requestListener = ContactRequestListener.NONE;

  ContactsService(
      Database database,
      IdentityService identity,
      RateLimits rateLimits,
      Clock clock,
      ContactsSettings settings) {
    this.database = database;
    this.identity = identity;
    this.rateLimits = rateLimits;
    this.clock = clock;
    this.settings = settings;
  }

  /** From now on, {@code listener} hears of every contact request stored for someone. */
  public void tellRequests(ContactRequestListener listener) {
    this.requestListener = listener;
  }

  /** A pending request with the other party's profile. */
  record RequestView(ContactRequest request, Direction direction, Account counterpart) {}

  /** A contact with its profile. */
  record ContactView(Account account, long sinceMillis) {}

  /** A blocked account with its profile. */
  record BlockView(Account account, long blockedAtMillis) {}

  /** One page of a list; {@code nextCursor} is null on the last page. */
  record Page<T>(List<T> items, String nextCursor) {}

  /**
   * What sending a request did: it is pending, or it met the other's request and they are contacts.
   */
  sealed interface SendOutcome {
    record RequestSent(RequestView request) implements SendOutcome {}

    record BecameContacts(ContactView contact) implements SendOutcome {}
  }

  // For other features.

  /** Whether the two accounts are contacts (friends). */
  public boolean areContacts(String accountId, String otherAccountId) {
    return database.read(handle -> contacts.exists(handle, accountId, otherAccountId));
  }

  /**
   * Of these (account, other account) pairs, those where either blocked the other, read inside the
   * caller's transaction (the messaging writer's batch) with one query.
   */
  public java.util.Set<List<String>> blockedAmong(
      dev.atrium.platform.db.Handle handle, java.util.Collection<List<String>> pairs) {
    return blocks.blockedAmong(handle, pairs);
  }

  public boolean isBlockedEitherWay(String accountId, String otherAccountId) {
    return database.read(handle -> blocks.existsEitherWay(handle, accountId, otherAccountId));
  }

  // Requests.

  SendOutcome sendRequest(String senderId, String username, String note) {
    // Taken before anything is looked up, so the limit also bounds probing usernames this way.
    rateLimits.acquire(RateLimiter.CONTACT_REQUEST_PER_ACCOUNT, senderId);
    Account recipient =
        identity
            .findActiveByUsername(username)
            .orElseThrow(() -> new ContactsError.NotFound("user"));
    return send(senderId, recipient, note, "username");
  }

  SendOutcome redeemLink(String senderId, String token, String note) {
    rateLimits.acquire(RateLimiter.CONTACT_REQUEST_PER_ACCOUNT, senderId);
    Account recipient =
        database
            .read(handle -> links.findByToken(handle, token))
            .flatMap(link -> activeAccount(link.accountId()))
            .orElseThrow(() -> new ContactsError.NotFound("contact link"));
    return send(senderId, recipient, note, "token");
  }

  private SendOutcome send(String senderId, Account recipient, String note, String recipientField) {
    if (recipient.id().equals(senderId)) {
      throw RequestError.validation(
          recipientField, "You cannot send a contact request to yourself.");
    }
    long now = clock.millis();
    ContactRequest request =
        new ContactRequest(SecretTokens.newId(), senderId, recipient.id(), note, now);
    SendOutcome outcome =
        database.inTransaction(
            handle -> {
              locks.lockAccount(handle, senderId);
              locks.lockPair(handle, senderId, recipient.id());
              if (blocks.existsEitherWay(handle, senderId, recipient.id())) {
                throw new ContactsError.RequestRefused();
              }
              if (contacts.exists(handle, senderId, recipient.id())) {
                throw new ContactsError.AlreadyContacts();
              }
              Optional<ContactRequest> pending =
                  requests.findBetween(handle, senderId, recipient.id());
              if (pending.isPresent() && pending.get().senderAccountId().equals(senderId)) {
                throw new ContactsError.RequestPending();
              }
              if (pending.isPresent()) {
                // Both want it: the request the other sent is accepted, no new one is stored.
                requests.deleteIncoming(handle, pending.get().id(), senderId);
                contacts.insertPair(handle, senderId, recipient.id(), now);
                return new SendOutcome.BecameContacts(new ContactView(recipient, now));
              }
              if (requests.countOutgoing(handle, senderId)
                  >= settings.pendingOutgoingRequestsMax()) {
                throw new ContactsError.PendingRequestLimit(settings.pendingOutgoingRequestsMax());
              }
              requests.insert(handle, request);
              return new SendOutcome.RequestSent(
                  new RequestView(request, Direction.OUTGOING, recipient));
            });
    if (outcome instanceof SendOutcome.RequestSent) {
      requestListener.requestReceived(recipient.id());
    }
    return outcome;
  }

  /** Accepts a request addressed to the caller; anyone else's request is "not found". */
  ContactView accept(String accountId, String requestId) {
    ContactRequest request =
        database
            .read(handle -> requests.findById(handle, requestId))
            .filter(found -> found.recipientAccountId().equals(accountId))
            .orElseThrow(() -> new ContactsError.NotFound("request"));
    // A request from an account that was disabled meanwhile is not listed, so it is not found
    // either.
    Account sender =
        activeAccount(request.senderAccountId())
            .orElseThrow(() -> new ContactsError.NotFound("request"));
    long now = clock.millis();
    database.inTransaction(
        handle -> {
          locks.lockPair(handle, accountId, sender.id());
          // Gone if it was cancelled, or the pair blocked, since it was read.
          if (!requests.deleteIncoming(handle, requestId, accountId)) {
            throw new ContactsError.NotFound("request");
          }
          contacts.insertPair(handle, accountId, sender.id(), now);
          return null;
        });
    return new ContactView(sender, now);
  }

  void decline(String accountId, String requestId) {
    if (!database.inTransaction(handle -> requests.deleteIncoming(handle, requestId, accountId))) {
      throw new ContactsError.NotFound("request");
    }
  }

  void cancel(String accountId, String requestId) {
    if (!database.inTransaction(handle -> requests.deleteOutgoing(handle, requestId, accountId))) {
      throw new ContactsError.NotFound("request");
    }
  }

  Page<RequestView> requests(
      String accountId, Direction direction, RequestCursor after, int rowsMax) {
    List<ContactRequest> rows =
        database.read(
            handle ->
                direction == Direction.INCOMING
                    ? requests.listIncoming(handle, accountId, after, rowsMax)
                    : requests.listOutgoing(handle, accountId, after, rowsMax));
    Map<String, Account> profiles =
        identity.findActiveByIds(
            rows.stream().map(request -> request.counterpartOf(accountId)).toList());
    List<RequestView> items =
        rows.stream()
            .filter(request -> profiles.containsKey(request.counterpartOf(accountId)))
            .map(
                request ->
                    new RequestView(
                        request, direction, profiles.get(request.counterpartOf(accountId))))
            .toList();
    return new Page<>(
        items, nextCursor(rows, rowsMax, last -> RequestCursor.after(last).toString()));
  }

  // Contacts.

  /** The caller's contacts whose accounts are active, ordered by account id. */
  Page<ContactView> contacts(String accountId, String afterContactId, int rowsMax) {
    List<Contact> rows =
        database.read(handle -> contacts.list(handle, accountId, afterContactId, rowsMax));
    Map<String, Account> profiles =
        identity.findActiveByIds(rows.stream().map(Contact::contactAccountId).toList());
    List<ContactView> items =
        rows.stream()
            .filter(contact -> profiles.containsKey(contact.contactAccountId()))
            .map(
                contact ->
                    new ContactView(
                        profiles.get(contact.contactAccountId()), contact.createdAtMillis()))
            .toList();
    return new Page<>(items, nextCursor(rows, rowsMax, Contact::contactAccountId));
  }

  /** Ends a friendship on both sides. */
  void remove(String accountId, String contactAccountId) {
    int removed =
        database.inTransaction(
            handle -> {
              locks.lockPair(handle, accountId, contactAccountId);
              return contacts.deletePair(handle, accountId, contactAccountId);
            });
    if (removed == 0) {
      throw new ContactsError.NotFound("contact");
    }
  }

  // Blocks.

  /**
   * Blocks an account (again: no change) and ends everything between the two: the friendship and
   * pending requests both ways. To the blocked person this looks like a removal or a declined
   * request.
   */
  void block(String accountId, String targetAccountId) {
    if (targetAccountId.equals(accountId)) {
      throw RequestError.validation("accountId", "You cannot block yourself.");
    }
    if (activeAccount(targetAccountId).isEmpty()) {
      throw new ContactsError.NotFound("user");
    }
    Block block = new Block(accountId, targetAccountId, clock.millis());
    database.inTransaction(
        handle -> {
          locks.lockPair(handle, accountId, targetAccountId);
          blocks.insert(handle, block);
          contacts.deletePair(handle, accountId, targetAccountId);
          requests.deleteBetween(handle, accountId, targetAccountId);
          return null;
        });
  }

  void unblock(String accountId, String targetAccountId) {
    if (!database.inTransaction(handle -> blocks.delete(handle, accountId, targetAccountId))) {
      throw new ContactsError.NotFound("block");
    }
  }

  /** Whom the caller blocked, among active accounts, ordered by account id. */
  Page<BlockView> blocks(String accountId, String afterBlockedId, int rowsMax) {
    List<Block> rows =
        database.read(handle -> blocks.list(handle, accountId, afterBlockedId, rowsMax));
    Map<String, Account> profiles =
        identity.findActiveByIds(rows.stream().map(Block::blockedAccountId).toList());
    List<BlockView> items =
        rows.stream()
            .filter(block -> profiles.containsKey(block.blockedAccountId()))
            .map(
                block ->
                    new BlockView(profiles.get(block.blockedAccountId()), block.createdAtMillis()))
            .toList();
    return new Page<>(items, nextCursor(rows, rowsMax, Block::blockedAccountId));
  }

  // Contact links.

  /** The caller's contact link, made on first use. */
  ContactLink contactLink(String accountId) {
    Optional<ContactLink> existing = database.read(handle -> links.find(handle, accountId));
    if (existing.isPresent()) {
      return existing.get();
    }
    ContactLink fresh =
        new ContactLink(accountId, SecretTokens.randomUrlSafe(LINK_TOKEN_BYTES), clock.millis());
    return database.inTransaction(
        handle -> {
          links.insertIfAbsent(handle, fresh);
          return links.find(handle, accountId).orElseThrow();
        });
  }

  /** Replaces the caller's link with a new one; the old one stops working at once. */
  ContactLink rotateContactLink(String accountId) {
    ContactLink fresh =
        new ContactLink(accountId, SecretTokens.randomUrlSafe(LINK_TOKEN_BYTES), clock.millis());
    database.inTransaction(
        handle -> {
          links.replace(handle, fresh);
          return null;
        });
    return fresh;
  }

  // Export and deletion.

  ContactsExport export(String accountId) {
    return database.read(
        handle ->
            ContactsExport.of(
                accountId,
                contacts.list(handle, accountId, "", EXPORT_ROWS_MAX),
                requests.listIncoming(handle, accountId, RequestCursor.START, EXPORT_ROWS_MAX),
                requests.listOutgoing(handle, accountId, RequestCursor.START, EXPORT_ROWS_MAX),
                blocks.list(handle, accountId, "", EXPORT_ROWS_MAX),
                links.find(handle, accountId)));
  }

  /** Removes every row that names the account, on either side. */
  void deleteAllOf(String accountId) {
    database.inTransaction(
        handle -> {
          requests.deleteAllOf(handle, accountId);
          contacts.deleteAllOf(handle, accountId);
          blocks.deleteAllOf(handle, accountId);
          links.delete(handle, accountId);
          return null;
        });
  }

  private Optional<Account> activeAccount(String accountId) {
    return Optional.ofNullable(identity.findActiveByIds(List.of(accountId)).get(accountId));
  }

  /** A full page may have more after it; the cursor is the last row read, shown or not. */
  private static <T> String nextCursor(List<T> rows, int rowsMax, Function<T, String> cursorOf) {
    return rows.size() < rowsMax ? null : cursorOf.apply(rows.getLast());
  }
}
