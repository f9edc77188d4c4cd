package dev.atrium.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.ConversationDetails;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Item;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.MessagingModels.Sent;
import java.util.List;

/** Conversations and envelopes over HTTP, acting as one device. Thread-safe. */
public final class ConversationsClient {
  private final AtriumClient client;

  ConversationsClient(AtriumClient client) {
    this.client = client;
  }

  /** The direct conversation with a contact, created if it does not exist. */
  public Conversation createDirect(String peerAccountId) {
    return client.call(
        "POST",
        "/api/v1/conversations",
        new MessagingModels.CreateConversation("direct", peerAccountId, null),
        Conversation.class);
  }

  public Conversation createGroup(String name) {
    return client.call(
        "POST",
        "/api/v1/conversations",
        new MessagingModels.CreateConversation("group", null, name),
        Conversation.class);
  }

  public List<Conversation> list() {
    return client.call(
        "GET", "/api/v1/conversations", null, new TypeReference<List<Conversation>>() {});
  }

  public ConversationDetails get(String conversationId) {
    return client.call("GET", path(conversationId), null, ConversationDetails.class);
  }

  public Conversation rename(String conversationId, String name) {
    return client.call(
        "PATCH", path(conversationId), new MessagingModels.Rename(name), Conversation.class);
  }

  /** role: "admin" or "member". */
  public void setRole(String conversationId, String accountId, String role) {
    client.call(
        "PUT",
        path(conversationId) + "/members/" + AtriumClient.encode(accountId) + "/role",
        new MessagingModels.Role(role),
        Void.class);
  }

  /**
   * Per other member account: the highest seq delivered to one of its devices and its shared read
   * position.
   */
  public List<MessagingModels.Mark> marks(String conversationId) {
    return client
        .call("GET", path(conversationId) + "/marks", null, MessagingModels.Marks.class)
        .marks();
  }

  public void leave(String conversationId) {
    client.call("POST", path(conversationId) + "/leave", null, Void.class);
  }

  /** This device lost its group state: asks the members to add it again. */
  public void requestRejoin(String conversationId) {
    client.call("POST", path(conversationId) + "/rejoin", null, Void.class);
  }

  public String createInviteLink(String conversationId) {
    return client
        .call("POST", path(conversationId) + "/invite-link", null, MessagingModels.InviteLink.class)
        .token();
  }

  public void revokeInviteLink(String conversationId) {
    client.call("DELETE", path(conversationId) + "/invite-link", null, Void.class);
  }

  /** Asks to join through an invite link; returns the conversation id. */
  public String join(String token) {
    return client
        .call(
            "POST",
            "/api/v1/group-invites/" + AtriumClient.encode(token) + "/join",
            null,
            MessagingModels.Joined.class)
        .conversationId();
  }

  public List<String> joinRequests(String conversationId) {
    return client
        .call(
            "GET",
            path(conversationId) + "/join-requests",
            null,
            MessagingModels.JoinRequests.class)
        .accountIds();
  }

  /** Appends an envelope over HTTP; returns once it is durably stored. */
  public Sent send(Outgoing envelope) {
    return client.call(
        "POST", path(envelope.conversationId()) + "/envelopes", envelope, Sent.class);
  }

  public List<Envelope> envelopes(String conversationId, long afterSeq, int limit) {
    return client
        .call(
            "GET",
            path(conversationId) + "/envelopes?after=" + afterSeq + "&limit=" + limit,
            null,
            MessagingModels.EnvelopeList.class)
        .envelopes();
  }

  public void acknowledge(String conversationId, long seq) {
    client.call(
        "POST", path(conversationId) + "/cursor", new MessagingModels.Cursor(seq), Void.class);
  }

  public List<Item> items() {
    return client
        .call("GET", "/api/v1/devices/current/items", null, MessagingModels.ItemList.class)
        .items();
  }

  public void acknowledgeItems(List<String> itemIds) {
    client.call(
        "POST",
        "/api/v1/devices/current/items/ack",
        new MessagingModels.AckItems(itemIds),
        Void.class);
  }

  public boolean shareReadReceipts() {
    return client
        .call("GET", "/api/v1/me/messaging-preferences", null, MessagingModels.Preferences.class)
        .shareReadReceipts();
  }

  public void setShareReadReceipts(boolean share) {
    client.call(
        "PUT",
        "/api/v1/me/messaging-preferences",
        new MessagingModels.Preferences(share),
        MessagingModels.Preferences.class);
  }

  private static String path(String conversationId) {
    return "/api/v1/conversations/" + AtriumClient.encode(conversationId);
  }
}
