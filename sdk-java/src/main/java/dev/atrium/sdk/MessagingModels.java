package dev.atrium.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Shapes of the messaging API. Binary fields travel as base64; the SDK exposes bytes. */
public final class MessagingModels {
  private MessagingModels() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Conversation(
      String id,
      String kind,
      String name,
      long epoch,
      long lastSeq,
      String role,
      Instant createdAt) {}

  /** {@code displayName} is null for a disabled or deleted account. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(
      String accountId,
      String displayName,
      String role,
      Instant joinedAt,
      List<String> deviceIds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConversationDetails(
      Conversation conversation, List<Member> members, List<String> rejoinDeviceIds) {}

  /** An envelope as delivered. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Envelope(
      long seq,
      String senderAccountId,
      String senderDeviceId,
      String kind,
      long epoch,
      String ciphertext,
      long createdAt) {
    public byte[] ciphertextBytes() {
      return Base64.getDecoder().decode(ciphertext);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Sent(
      String conversationId, String clientMessageId, long seq, long epoch, boolean duplicate) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Item(String itemId, String kind, String conversationId, long seq, String payload) {
    public byte[] payloadBytes() {
      return Base64.getDecoder().decode(payload);
    }
  }

  /** An envelope to send. Build with {@link #application}, {@link #commit} and the with-methods. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Outgoing(
      String conversationId,
      String clientMessageId,
      String kind,
      long epoch,
      String ciphertext,
      MembershipChange membership,
      Welcome welcome,
      List<String> removeDeviceIds) {

    public static Outgoing application(
        String conversationId, String clientMessageId, long epoch, byte[] ciphertext) {
      return new Outgoing(
          conversationId,
          clientMessageId,
          "application",
          epoch,
          encode(ciphertext),
          null,
          null,
          null);
    }

    public static Outgoing proposal(
        String conversationId, String clientMessageId, long epoch, byte[] ciphertext) {
      return new Outgoing(
          conversationId, clientMessageId, "proposal", epoch, encode(ciphertext), null, null, null);
    }

    public static Outgoing commit(
        String conversationId, String clientMessageId, long epoch, byte[] ciphertext) {
      return new Outgoing(
          conversationId, clientMessageId, "commit", epoch, encode(ciphertext), null, null, null);
    }

    public Outgoing addingAccounts(List<String> accountIds) {
      MembershipChange change =
          new MembershipChange(
              accountIds, membership == null ? null : membership.removeAccountIds());
      return new Outgoing(
          conversationId,
          clientMessageId,
          kind,
          epoch,
          ciphertext,
          change,
          welcome,
          removeDeviceIds);
    }

    public Outgoing removingAccounts(List<String> accountIds) {
      MembershipChange change =
          new MembershipChange(membership == null ? null : membership.addAccountIds(), accountIds);
      return new Outgoing(
          conversationId,
          clientMessageId,
          kind,
          epoch,
          ciphertext,
          change,
          welcome,
          removeDeviceIds);
    }

    public Outgoing withWelcome(byte[] welcomeCiphertext, List<String> deviceIds) {
      return new Outgoing(
          conversationId,
          clientMessageId,
          kind,
          epoch,
          ciphertext,
          membership,
          new Welcome(encode(welcomeCiphertext), deviceIds),
          removeDeviceIds);
    }

    public Outgoing removingDevices(List<String> deviceIds) {
      return new Outgoing(
          conversationId, clientMessageId, kind, epoch, ciphertext, membership, welcome, deviceIds);
    }

    static String encode(byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MembershipChange(List<String> addAccountIds, List<String> removeAccountIds) {}

  public record Welcome(String ciphertext, List<String> deviceIds) {}

  /**
   * How far another member account has received and (if it shares read receipts) read a
   * conversation.
   */
  public record Mark(String accountId, long deliveredSeq, Long readSeq) {}

  record Marks(List<Mark> marks) {}

  record CreateConversation(String kind, String peerAccountId, String name) {}

  record Rename(String name) {}

  record Role(String role) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record InviteLink(String token) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Joined(String conversationId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record JoinRequests(List<String> accountIds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record EnvelopeList(List<Envelope> envelopes) {}

  record Cursor(long seq) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ItemList(List<Item> items) {}

  record AckItems(List<String> itemIds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Preferences(Boolean shareReadReceipts) {}
}
