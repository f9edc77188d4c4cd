package dev.atrium.messaging;

import dev.atrium.delivery.CursorKey;
import dev.atrium.delivery.DeviceItem;
import dev.atrium.delivery.Envelope;
import dev.atrium.delivery.EnvelopeKind;
import dev.atrium.delivery.GroupChange;
import dev.atrium.delivery.LiveEvents;
import dev.atrium.delivery.ReadKey;
import dev.atrium.messaging.groups.CommitChange;
import dev.atrium.messaging.groups.ContactRules;
import dev.atrium.messaging.groups.Conversation;
import dev.atrium.messaging.groups.GroupRecords;
import dev.atrium.messaging.groups.GroupService;
import dev.atrium.messaging.groups.MemberRole;
import dev.atrium.messaging.groups.MembershipPlan;
import dev.atrium.messaging.groups.MessagingError;
import dev.atrium.platform.db.GroupCommitWriter;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.security.SecretTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Appends envelopes by group commit: many sends share one transaction and one fsync, and each
 * sender is answered only once its batch is durable. Sequence numbers and epochs are decided here,
 * with the conversation row locked, so ordering and "one commit per epoch" hold across nodes that
 * share a database. Acknowledgement cursors ride along in the same batches.
 */
final class EnvelopeWriter implements AutoCloseable {
  /** The kind of the device items that carry a commit's Welcome. */
  private static final String WELCOME_ITEM = "welcome";

  private final GroupCommitWriter<Write> writer;
  private final GroupRecords conversations;
  private final EnvelopeStore envelopes;
  private final CursorStore cursors;
  private final MessagingSettings settings;
  private final Clock clock;
  private final LiveEvents live;
  private final ContactRules contacts;

  EnvelopeWriter(
      dev.atrium.platform.db.Database database,
      GroupRecords conversations,
      EnvelopeStore envelopes,
      CursorStore cursors,
      MessagingSettings settings,
      Clock clock,
      LiveEvents live,
      ContactRules contacts,
      MeterRegistry metrics) {
    this.contacts = contacts;
    this.conversations = conversations;
    this.envelopes = envelopes;
    this.cursors = cursors;
    this.settings = settings;
    this.clock = clock;
    this.live = live;
    this.writer =
        new GroupCommitWriter<>(
            database,
            "envelopes",
            settings.writerQueueMax(),
            settings.writerBatchMax(),
            this::applyBatch,
            metrics);
  }

  /** A queued write. */
  sealed interface Write extends GroupCommitWriter.Pending permits Send, Cursors {}

  /** One envelope to append. */
  record Send(
      Caller caller,
      SendCommand command,
      SendCommand.Context context,
      CompletableFuture<SendResult> result)
      implements Write {
    @Override
    public void fail(Throwable cause) {
      result.completeExceptionally(cause);
    }
  }

  /** Coalesced acknowledgements and read positions. */
  record Cursors(Map<CursorKey, Long> acked, Map<ReadKey, Long> read) implements Write {
    @Override
    public void fail(Throwable cause) {
      // Cursors are advisory: a lost update only means some envelopes are delivered again.
    }
  }

  CompletableFuture<SendResult> send(
      Caller caller, SendCommand command, SendCommand.Context context) {
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    writer.submit(new Send(caller, command, context, result));
    return result;
  }

  void saveCursors(Map<CursorKey, Long> acked, Map<ReadKey, Long> read) {
    writer.submit(new Cursors(acked, read));
  }

  int queued() {
    return writer.queued();
  }

  @Override
  public void close() {
    writer.close();
  }

  /** The part of a commit that group administration's {@link MembershipPlan} checks. */
  private static CommitChange change(SendCommand command, SendCommand.Context context) {
    return new CommitChange(
        command.addAccountIds(),
        command.removeAccountIds(),
        command.welcomeDeviceIds(),
        command.removeDeviceIds(),
        context.deviceOwners(),
        context.senderContacts());
  }

  /**
   * Reads what the whole batch needs with a few statements rather than a few per conversation: the
   * idempotency keys, every touched conversation's row (locked), and every sender's membership.
   * Then decides each write in memory, in queue order.
   */
  private Runnable applyBatch(Handle handle, List<Write> batch) {
    List<EnvelopeStore.SenderKey> keys = new ArrayList<>();
    Set<String> conversationIds = new HashSet<>();
    Set<GroupRecords.MemberKey> memberKeys = new HashSet<>();
    Set<List<String>> directPairs = new HashSet<>();
    for (Write write : batch) {
      if (write instanceof Send send) {
        String peer = send.context().directPeerAccountId();
        if (peer != null) {
          directPairs.add(List.of(send.caller().accountId(), peer));
        }
        keys.add(
            new EnvelopeStore.SenderKey(
                send.caller().deviceId(), send.command().clientMessageId()));
        conversationIds.add(send.command().conversationId());
        memberKeys.add(
            new GroupRecords.MemberKey(send.command().conversationId(), send.caller().accountId()));
      }
    }
    Batch work =
        new Batch(
            handle,
            keys.isEmpty() ? Map.of() : envelopes.findBySenders(handle, keys),
            directPairs.isEmpty() ? Set.of() : contacts.blockedAmong(handle, directPairs));
    if (!conversationIds.isEmpty()) {
      work.lockAll(conversationIds, memberKeys);
    }
    for (Write write : batch) {
      switch (write) {
        case Send send -> work.apply(send);
        case Cursors update -> work.cursorUpdates.add(update);
      }
    }
    return work.write();
  }

  /** The state of one batch: conversation rows locked so far and everything to write. */
  private final class Batch {
    private final Handle handle;
    private final long now = clock.millis();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final Map<String, Long> sentInBatch = new HashMap<>();
    private final List<Envelope> appended = new ArrayList<>();
    private final List<Runnable> sideEffects = new ArrayList<>();
    private final List<DeviceItem> items = new ArrayList<>();
    private final List<GroupChange> groupChanges = new ArrayList<>();
    private final List<Runnable> answers = new ArrayList<>();
    private final List<Cursors> cursorUpdates = new ArrayList<>();
    private final Map<EnvelopeStore.SenderKey, EnvelopeStore.Stored> storedBefore;
    private final Set<List<String>> blockedPairs;

    Batch(
        Handle handle,
        Map<EnvelopeStore.SenderKey, EnvelopeStore.Stored> storedBefore,
        Set<List<String>> blockedPairs) {
      this.handle = handle;
      this.storedBefore = storedBefore;
      this.blockedPairs = blockedPairs;
    }

    void apply(Send send) {
      try {
        SendResult result = decide(send);
        answers.add(() -> send.result().complete(result));
      } catch (OperatingError refusal) {
        answers.add(() -> send.result().completeExceptionally(refusal));
      }
    }

    private SendResult decide(Send send) {
      SendCommand command = send.command();
      String peer = send.context().directPeerAccountId();
      if (peer != null && blockedPairs.contains(List.of(send.caller().accountId(), peer))) {
        throw new MessagingError.NotAllowed("You cannot send to this conversation.");
      }
      String idempotencyKey = send.caller().deviceId() + "\u0000" + command.clientMessageId();
      Long seenInBatch = sentInBatch.get(idempotencyKey);
      if (seenInBatch != null) {
        return new SendResult(
            command.conversationId(),
            command.clientMessageId(),
            seenInBatch,
            command.epoch(),
            true);
      }
      EnvelopeStore.Stored stored =
          storedBefore.get(
              new EnvelopeStore.SenderKey(send.caller().deviceId(), command.clientMessageId()));
      if (stored != null) {
        return new SendResult(
            stored.conversationId(),
            command.clientMessageId(),
            stored.seq(),
            command.epoch(),
            true);
      }
      State state = state(command.conversationId());
      if (!state.isMember(send.caller().accountId())) {
        throw new MessagingError.ConversationNotFound();
      }
      if (command.kind() == EnvelopeKind.COMMIT) {
        return commit(send, state, idempotencyKey);
      }
      // Only the current epoch: every member processes envelopes in order, so a message accepted
      // now is at the epoch each member is at when it reaches it, including devices that joined
      // by the latest commit. An older epoch would be unreadable to them (and to anyone whose
      // implementation dropped that epoch's secrets): the sender catches up and encrypts again.
      if (command.epoch() != state.epoch) {
        throw new MessagingError.EpochConflict(state.epoch);
      }
      return append(send, state, idempotencyKey, state.epoch);
    }

    private SendResult commit(Send send, State state, String idempotencyKey) {
      SendCommand command = send.command();
      if (command.epoch() != state.epoch) {
        throw new MessagingError.EpochConflict(state.epoch);
      }
      state.loadGroup();
      MembershipPlan plan =
          conversations.plan(
              handle,
              send.caller(),
              command.conversationId(),
              change(command, send.context()),
              state.conversation.kind(),
              state.members,
              state.deviceIds,
              deviceId -> cursors.askedToRejoin(handle, command.conversationId(), deviceId));
      state.epoch++;
      SendResult result = append(send, state, idempotencyKey, command.epoch());
      long seq = result.seq();
      plan.applyTo(state.members, state.deviceIds, now);
      sideEffects.add(() -> writeMembership(command, plan, seq));
      for (String deviceId : command.welcomeDeviceIds()) {
        items.add(
            new DeviceItem(
                SecretTokens.newId(),
                deviceId,
                command.conversationId(),
                WELCOME_ITEM,
                seq,
                command.welcome(),
                now));
      }
      groupChanges.add(
          new GroupChange(
              command.conversationId(),
              seq,
              plan.addedDevices(),
              plan.removedDevices(),
              plan.removedAccounts()));
      return result;
    }

    private void writeMembership(SendCommand command, MembershipPlan plan, long seq) {
      String conversationId = command.conversationId();
      conversations.recordMembers(handle, conversationId, plan, now);
      for (String accountId : plan.removedAccounts()) {
        cursors.departAccount(handle, conversationId, accountId, seq, now);
      }
      cursors.departDevices(handle, conversationId, plan.removedDevices(), seq, now);
      List<CursorStore.Cursor> added = new ArrayList<>();
      plan.addedDevices()
          .forEach(
              (deviceId, accountId) ->
                  added.add(new CursorStore.Cursor(deviceId, conversationId, accountId, seq)));
      cursors.insertAll(handle, added);
    }

    private SendResult append(Send send, State state, String idempotencyKey, long epoch) {
      SendCommand command = send.command();
      long seq = ++state.lastSeq;
      appended.add(
          new Envelope(
              command.conversationId(),
              seq,
              send.caller().accountId(),
              send.caller().deviceId(),
              command.clientMessageId(),
              command.kind(),
              epoch,
              command.ciphertext(),
              now));
      sentInBatch.put(idempotencyKey, seq);
      return new SendResult(
          command.conversationId(), command.clientMessageId(), seq, state.epoch, false);
    }

    /**
     * Locks and reads every conversation the batch touches, and which of its senders are members.
     */
    void lockAll(Set<String> conversationIds, Set<GroupRecords.MemberKey> memberKeys) {
      Map<String, Conversation> locked = conversations.lockForWrite(handle, conversationIds);
      Set<GroupRecords.MemberKey> members = conversations.membersAmong(handle, memberKeys);
      locked.forEach((id, conversation) -> states.put(id, new State(conversation, handle)));
      for (GroupRecords.MemberKey key : memberKeys) {
        State state = states.get(key.conversationId());
        if (state != null) {
          state.memberChecks.put(key.accountId(), members.contains(key));
        }
      }
    }

    private State state(String conversationId) {
      State state = states.get(conversationId);
      if (state == null) {
        // Not locked up front only if it did not exist then; lockAll read every conversation named.
        Conversation conversation =
            conversations
                .lockForWrite(handle, conversationId)
                .orElseThrow(MessagingError.ConversationNotFound::new);
        state = new State(conversation, handle);
        states.put(conversationId, state);
      }
      return state;
    }

    Runnable write() {
      envelopes.insertAll(handle, appended);
      List<GroupRecords.Position> moved = new ArrayList<>();
      for (State state : states.values()) {
        if (state.lastSeq != state.conversation.lastSeq()
            || state.epoch != state.conversation.epoch()) {
          moved.add(new GroupRecords.Position(state.conversation.id(), state.lastSeq, state.epoch));
        }
      }
      if (!moved.isEmpty()) {
        conversations.updateSequencesAndEpochs(handle, moved);
      }
      sideEffects.forEach(Runnable::run);
      envelopes.insertItems(handle, items);
      Map<CursorKey, Long> acked = new HashMap<>();
      Map<ReadKey, Long> read = new HashMap<>();
      for (Cursors update : cursorUpdates) {
        update.acked().forEach((key, seq) -> acked.merge(key, seq, Math::max));
        update.read().forEach((key, seq) -> read.merge(key, seq, Math::max));
      }
      CursorStore cursorStore = EnvelopeWriter.this.cursors;
      if (!acked.isEmpty()) {
        cursorStore.advance(handle, acked);
      }
      if (!read.isEmpty()) {
        cursorStore.advanceRead(handle, read);
      }
      return () -> {
        answers.forEach(Runnable::run);
        live.published(appended, groupChanges, items);
      };
    }
  }

  /**
   * One conversation's state within a batch, decided from its locked row. Members and group devices
   * are loaded only for commits; plain sends check the sender alone.
   */
  private final class State {
    final Conversation conversation;
    final Handle handle;
    final Map<String, Boolean> memberChecks = new HashMap<>();
    Map<String, MemberRole> members;
    Set<String> deviceIds;
    long lastSeq;
    long epoch;

    State(Conversation conversation, Handle handle) {
      this.conversation = conversation;
      this.handle = handle;
      this.lastSeq = conversation.lastSeq();
      this.epoch = conversation.epoch();
    }

    boolean isMember(String accountId) {
      if (members != null) {
        return members.containsKey(accountId);
      }
      return memberChecks.computeIfAbsent(
          accountId, id -> conversations.isMember(handle, conversation.id(), id));
    }

    void loadGroup() {
      if (members != null) {
        return;
      }
      members = conversations.roles(handle, conversation.id());
      deviceIds = new HashSet<>();
      int devicesMax = settings.groupMembersMax() * GroupService.DEVICES_PER_MEMBER_MAX;
      for (CursorStore.Cursor cursor :
          cursors.forConversation(handle, conversation.id(), devicesMax)) {
        deviceIds.add(cursor.deviceId());
      }
    }
  }
}
