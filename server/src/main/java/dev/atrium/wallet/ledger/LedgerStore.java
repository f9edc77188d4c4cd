package dev.atrium.wallet.ledger;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for ledger accounts, postings and lines. */
final class LedgerStore {
  /** Ids per IN list, well below both engines' limits on bound parameters. */
  private static final int IN_LIST_MAX = 500;

  private static final String ACCOUNT_COLUMNS =
      "id, kind, owner_id, balance_cents, negative_allowed, entry_count, created_at";
  private static final RowMapper<LedgerAccount> ACCOUNT =
      row ->
          new LedgerAccount(
              new AccountId(row.getString("id")),
              AccountKind.valueOf(row.getString("kind")),
              row.getString("owner_id"),
              row.getLong("balance_cents"),
              row.getInt("negative_allowed") == 1,
              row.getLong("entry_count"),
              row.getLong("created_at"));
  private static final String POSTING_COLUMNS =
      "id, kind, amount_cents, reference, posting_key, memo, reverses_posting_id, created_at";

  /** Creates the account unless it exists; safe to race with other nodes. */
  void ensureAccount(Handle handle, AccountId id, long nowMillis) {
    handle.update(
        """
        INSERT INTO wallet_accounts (id, kind, owner_id, balance_cents, negative_allowed, entry_count, created_at)
        VALUES (?, ?, ?, 0, ?, 0, ?) ON CONFLICT (id) DO NOTHING
        """,
        id.value(),
        id.kind(),
        id.ownerId(),
        id.negativeAllowed() ? 1 : 0,
        nowMillis);
  }

  Optional<LedgerAccount> find(Handle handle, AccountId id) {
    return handle.queryOne(
        "SELECT " + ACCOUNT_COLUMNS + " FROM wallet_accounts WHERE id = ?", ACCOUNT, id.value());
  }

  /**
   * Reads the accounts and, on PostgreSQL, locks their rows until the transaction ends, in id
   * order, so two nodes' batches never wait for each other in a cycle. (On SQLite the write
   * transaction already excludes every other writer.) Missing accounts are simply absent.
   */
  Map<AccountId, LedgerAccount> lock(Handle handle, Collection<AccountId> sortedIds) {
    Map<AccountId, LedgerAccount> accounts = new LinkedHashMap<>();
    List<AccountId> ids = new ArrayList<>(sortedIds);
    String lockClause = handle.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    for (int start = 0; start < ids.size(); start += IN_LIST_MAX) {
      List<AccountId> chunk = ids.subList(start, Math.min(ids.size(), start + IN_LIST_MAX));
      Object[] arguments = chunk.stream().map(AccountId::value).toArray();
      String sql =
          "SELECT "
              + ACCOUNT_COLUMNS
              + " FROM wallet_accounts WHERE id IN ("
              + placeholders(chunk.size())
              + ") ORDER BY id"
              + lockClause;
      for (LedgerAccount account : handle.queryList(sql, ACCOUNT, chunk.size(), arguments)) {
        accounts.put(account.id(), account);
      }
    }
    return accounts;
  }

  /** Postings already written under these keys, with their lines. */
  Map<String, StoredPosting> findByKeys(Handle handle, Collection<String> keys) {
    Map<String, StoredPosting> found = new HashMap<>();
    List<String> list = new ArrayList<>(keys);
    for (int start = 0; start < list.size(); start += IN_LIST_MAX) {
      List<String> chunk = list.subList(start, Math.min(list.size(), start + IN_LIST_MAX));
      String sql =
          "SELECT "
              + POSTING_COLUMNS
              + " FROM wallet_postings WHERE posting_key IN ("
              + placeholders(chunk.size())
              + ")";
      for (StoredPosting posting :
          withLines(
              handle, handle.queryList(sql, this::postingHeader, chunk.size(), chunk.toArray()))) {
        found.put(posting.postingKey(), posting);
      }
    }
    return found;
  }

  Optional<StoredPosting> findPosting(Handle handle, String postingId) {
    List<StoredPosting> headers =
        handle.queryList(
            "SELECT " + POSTING_COLUMNS + " FROM wallet_postings WHERE id = ?",
            this::postingHeader,
            1,
            postingId);
    return withLines(handle, headers).stream().findFirst();
  }

  List<StoredPosting> findByReference(Handle handle, String reference, int rowsMax) {
    List<StoredPosting> headers =
        handle.queryList(
            "SELECT "
                + POSTING_COLUMNS
                + " FROM wallet_postings WHERE reference = ? ORDER BY created_at, id LIMIT ?",
            this::postingHeader,
            rowsMax,
            reference,
            rowsMax);
    return withLines(handle, headers);
  }

  /**
   * Writes postings and their lines with multi-row INSERTs: a few statements per batch instead of
   * one per row (the per-statement cost, not the fsync, dominated a batch).
   */
  void insertPostings(Handle handle, List<StoredPosting> postings) {
    List<Object[]> rows = new ArrayList<>(postings.size());
    List<Object[]> lines = new ArrayList<>(postings.size() * 2);
    for (StoredPosting posting : postings) {
      rows.add(
          new Object[] {
            posting.id(),
            posting.kind(),
            posting.amountCents(),
            posting.reference(),
            posting.postingKey(),
            posting.memo(),
            posting.reversesPostingId(),
            posting.createdAtMillis()
          });
      for (StoredPosting.Line line : posting.lines()) {
        lines.add(
            new Object[] {
              line.account().value(),
              line.entrySeq(),
              posting.id(),
              line.amountCents(),
              line.balanceAfterCents()
            });
      }
    }
    insertRows(handle, "INSERT INTO wallet_postings (" + POSTING_COLUMNS + ") VALUES ", 8, rows);
    insertRows(
        handle,
        "INSERT INTO wallet_lines (account_id, entry_seq, posting_id, amount_cents, balance_after_cents)"
            + " VALUES ",
        5,
        lines);
  }

  /**
   * Stores new balances, each guarded by the balance and entry count read under lock at the start
   * of the batch, with one UPDATE per chunk. Returns the rows updated, which must equal the
   * updates: a row that changed anyway means an invariant broke, and the batch fails.
   */
  int updateBalances(Handle handle, List<BalanceUpdate> updates) {
    int updated = 0;
    for (int start = 0; start < updates.size(); start += IN_LIST_MAX) {
      List<BalanceUpdate> chunk =
          updates.subList(start, Math.min(updates.size(), start + IN_LIST_MAX));
      List<Object> arguments = new ArrayList<>(chunk.size() * 5);
      for (BalanceUpdate update : chunk) {
        arguments.add(update.id().value());
        arguments.add(update.balanceCents());
        arguments.add(update.entryCount());
        arguments.add(update.previousBalanceCents());
        arguments.add(update.previousEntryCount());
      }
      updated +=
          handle.update(
              "UPDATE wallet_accounts SET balance_cents = v.column2, entry_count = v.column3"
                  + " FROM (VALUES "
                  + rowPlaceholders(5, chunk.size())
                  + ") AS v"
                  + " WHERE wallet_accounts.id = v.column1 AND wallet_accounts.balance_cents = v.column4"
                  + " AND wallet_accounts.entry_count = v.column5",
              arguments.toArray());
    }
    return updated;
  }

  private static void insertRows(
      Handle handle, String insertPrefix, int columns, List<Object[]> rows) {
    for (int start = 0; start < rows.size(); start += IN_LIST_MAX) {
      List<Object[]> chunk = rows.subList(start, Math.min(rows.size(), start + IN_LIST_MAX));
      Object[] arguments = new Object[chunk.size() * columns];
      for (int i = 0; i < chunk.size(); i++) {
        System.arraycopy(chunk.get(i), 0, arguments, i * columns, columns);
      }
      handle.update(insertPrefix + rowPlaceholders(columns, chunk.size()), arguments);
    }
  }

  private static String rowPlaceholders(int columns, int rows) {
    String row = "(" + placeholders(columns) + ")";
    return String.join(", ", java.util.Collections.nCopies(rows, row));
  }

  /** A balance to store: the new values and the ones read under lock. */
  record BalanceUpdate(
      AccountId id,
      long balanceCents,
      long entryCount,
      long previousBalanceCents,
      long previousEntryCount) {}

  /** Lines of one account, newest first, before the entry {@code beforeSeq} (exclusive). */
  List<StatementEntry> statement(Handle handle, AccountId account, long beforeSeq, int rowsMax) {
    record Row(
        long entrySeq,
        String postingId,
        PostingKind kind,
        long amount,
        long balanceAfter,
        String reference,
        String memo,
        long createdAt) {}
    List<Row> rows =
        handle.queryList(
            """
        SELECT l.entry_seq, l.posting_id, p.kind, l.amount_cents, l.balance_after_cents, p.reference, p.memo,
               p.created_at
        FROM wallet_lines l JOIN wallet_postings p ON p.id = l.posting_id
        WHERE l.account_id = ? AND l.entry_seq < ?
        ORDER BY l.entry_seq DESC LIMIT ?
        """,
            row ->
                new Row(
                    row.getLong(1),
                    row.getString(2),
                    PostingKind.valueOf(row.getString(3)),
                    row.getLong(4),
                    row.getLong(5),
                    row.getString(6),
                    row.getString(7),
                    row.getLong(8)),
            rowsMax,
            account.value(),
            beforeSeq,
            rowsMax);
    Map<String, List<AccountId>> others =
        otherAccounts(handle, account, rows.stream().map(Row::postingId).toList());
    List<StatementEntry> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<AccountId> counterparties = others.getOrDefault(row.postingId(), List.of());
      entries.add(
          new StatementEntry(
              row.entrySeq(),
              row.postingId(),
              row.kind(),
              row.amount(),
              row.balanceAfter(),
              row.reference(),
              row.memo(),
              counterparties.size() == 1 ? counterparties.getFirst() : null,
              row.createdAt()));
    }
    return entries;
  }

  private Map<String, List<AccountId>> otherAccounts(
      Handle handle, AccountId account, List<String> postingIds) {
    Map<String, List<AccountId>> others = new HashMap<>();
    for (int start = 0; start < postingIds.size(); start += IN_LIST_MAX) {
      List<String> chunk =
          postingIds.subList(start, Math.min(postingIds.size(), start + IN_LIST_MAX));
      List<Object> arguments = new ArrayList<>(chunk);
      arguments.add(account.value());
      int rowsMax = chunk.size() * LedgerPosting.LINES_MAX;
      handle.queryList(
          "SELECT posting_id, account_id FROM wallet_lines WHERE posting_id IN ("
              + placeholders(chunk.size())
              + ") AND account_id <> ?",
          row ->
              others
                  .computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                  .add(new AccountId(row.getString(2))),
          rowsMax,
          arguments.toArray());
    }
    return others;
  }

  /**
   * Accounts whose stored balance differs from the sum of their lines, or that broke their floor;
   * one statement, one snapshot.
   */
  List<LedgerCheck.AccountProblem> accountProblems(Handle handle, int rowsMax) {
    return handle.queryList(
        """
        SELECT a.id, a.balance_cents, COALESCE(s.total, 0), a.negative_allowed, a.entry_count, COALESCE(s.lines, 0)
        FROM wallet_accounts a
        LEFT JOIN (SELECT account_id, SUM(amount_cents) AS total, COUNT(*) AS lines
                   FROM wallet_lines GROUP BY account_id) s ON s.account_id = a.id
        WHERE a.balance_cents <> COALESCE(s.total, 0)
           OR a.entry_count <> COALESCE(s.lines, 0)
           OR (a.negative_allowed = 0 AND a.balance_cents < 0)
        ORDER BY a.id LIMIT ?
        """,
        row ->
            new LedgerCheck.AccountProblem(
                new AccountId(row.getString(1)),
                row.getLong(2),
                row.getLong(3),
                row.getInt(4) == 1,
                row.getLong(5),
                row.getLong(6)),
        rowsMax,
        rowsMax);
  }

  /**
   * Postings whose lines do not sum to zero, have fewer than two lines, or disagree with the stored
   * amount.
   */
  List<String> unbalancedPostings(Handle handle, int rowsMax) {
    return handle.queryList(
        """
        SELECT p.id FROM wallet_postings p
        LEFT JOIN (SELECT posting_id, SUM(amount_cents) AS total, COUNT(*) AS lines,
                          SUM(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) AS credited
                   FROM wallet_lines GROUP BY posting_id) s ON s.posting_id = p.id
        WHERE s.posting_id IS NULL OR s.total <> 0 OR s.lines < 2 OR s.credited <> p.amount_cents
        ORDER BY p.id LIMIT ?
        """,
        row -> row.getString(1),
        rowsMax,
        rowsMax);
  }

  /**
   * The sum of every line in the journal and every stored balance; both are zero in a sound ledger.
   */
  long[] journalAndBalanceTotals(Handle handle) {
    return handle
        .queryOne(
            """
        SELECT (SELECT COALESCE(SUM(amount_cents), 0) FROM wallet_lines),
               (SELECT COALESCE(SUM(balance_cents), 0) FROM wallet_accounts),
               (SELECT COUNT(*) FROM wallet_postings),
               (SELECT COUNT(*) FROM wallet_accounts)
        """,
            row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)})
        .orElseThrow();
  }

  private StoredPosting postingHeader(java.sql.ResultSet row) throws java.sql.SQLException {
    return new StoredPosting(
        row.getString("id"),
        PostingKind.valueOf(row.getString("kind")),
        row.getLong("amount_cents"),
        List.of(),
        row.getString("reference"),
        row.getString("posting_key"),
        row.getString("memo"),
        row.getString("reverses_posting_id"),
        row.getLong("created_at"),
        false);
  }

  private List<StoredPosting> withLines(Handle handle, List<StoredPosting> headers) {
    if (headers.isEmpty()) {
      return headers;
    }
    Map<String, List<StoredPosting.Line>> lines = new HashMap<>();
    List<String> ids = headers.stream().map(StoredPosting::id).toList();
    for (int start = 0; start < ids.size(); start += IN_LIST_MAX) {
      List<String> chunk = ids.subList(start, Math.min(ids.size(), start + IN_LIST_MAX));
      handle.queryList(
          "SELECT posting_id, account_id, entry_seq, amount_cents, balance_after_cents FROM wallet_lines"
              + " WHERE posting_id IN ("
              + placeholders(chunk.size())
              + ") ORDER BY posting_id, account_id",
          row ->
              lines
                  .computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                  .add(
                      new StoredPosting.Line(
                          new AccountId(row.getString(2)),
                          row.getLong(3),
                          row.getLong(4),
                          row.getLong(5))),
          chunk.size() * LedgerPosting.LINES_MAX,
          chunk.toArray());
    }
    List<StoredPosting> result = new ArrayList<>(headers.size());
    for (StoredPosting header : headers) {
      result.add(
          new StoredPosting(
              header.id(),
              header.kind(),
              header.amountCents(),
              lines.getOrDefault(header.id(), List.of()),
              header.reference(),
              header.postingKey(),
              header.memo(),
              header.reversesPostingId(),
              header.createdAtMillis(),
              false));
    }
    return result;
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
