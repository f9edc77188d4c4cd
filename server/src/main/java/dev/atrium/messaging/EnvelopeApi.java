package dev.atrium.messaging;

import dev.atrium.delivery.DeviceItem;
import dev.atrium.delivery.EnvelopeView;
import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.util.List;

/** The JSON shapes of the envelope log's endpoints. */
final class EnvelopeApi {
  private EnvelopeApi() {}

  record MembershipChange(List<String> addAccountIds, List<String> removeAccountIds) {}

  record WelcomeRequest(
      @Required @Description("The MLS Welcome, base64.") String ciphertext,
      @Required List<String> deviceIds) {}

  record SendRequest(
      @Required
          @Description("Unique per sending device; a retry with the same id stores nothing new.")
          String clientMessageId,
      @Required @Description("application, proposal or commit") String kind,
      @Required
          @Description(
              "The group's current epoch, which the message was encrypted on; any other epoch gets 409 "
                  + "epoch_conflict with currentEpoch (process the newer commits, then encrypt again).")
          Long epoch,
      @Required @Description("The MLS message, base64; opaque to the server.") String ciphertext,
      @Description("For commits: accounts the commit adds or removes (groups, admins).")
          MembershipChange membership,
      @Description("For commits: the Welcome for the devices the commit adds.")
          WelcomeRequest welcome,
      @Description("For commits: devices the commit removes from the group.")
          List<String> removeDeviceIds) {}

  record SentView(
      @Required String conversationId,
      @Required String clientMessageId,
      @Required long seq,
      @Required long epoch,
      @Required boolean duplicate) {
    static SentView of(SendResult result) {
      return new SentView(
          result.conversationId(),
          result.clientMessageId(),
          result.seq(),
          result.epoch(),
          result.duplicate());
    }
  }

  record EnvelopeList(@Required List<EnvelopeView> envelopes) {}

  record CursorRequest(@Required Long seq) {}

  record ItemView(
      @Required String itemId,
      @Required String kind,
      @Required String conversationId,
      @Required long seq,
      @Required String payload) {
    static ItemView of(DeviceItem item) {
      return new ItemView(
          item.id(),
          item.kind(),
          item.conversationId(),
          item.seq(),
          Base64s.encode(item.payload()));
    }
  }

  record ItemList(@Required List<ItemView> items) {}

  record AckItemsRequest(@Required List<String> itemIds) {}

  record MarkView(
      @Required String accountId,
      @Required
          @Description("The highest seq acknowledged by at least one of the account's devices.")
          long deliveredSeq,
      @Description(
              "The account's read position; absent unless it shares read receipts and has read.")
          Long readSeq) {}

  record MarksView(
      @Required @Description("One per other member account (at most the group size limit).")
          List<MarkView> marks) {}

  record PreferencesView(@Required boolean shareReadReceipts) {}

  record PreferencesRequest(@Required Boolean shareReadReceipts) {}
}
