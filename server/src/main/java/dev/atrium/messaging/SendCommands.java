package dev.atrium.messaging;

import dev.atrium.delivery.ClientFrame;
import dev.atrium.delivery.EnvelopeKind;
import dev.atrium.platform.errors.RequestError;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a send (WebSocket frame or HTTP body) into a checked {@link SendCommand}. Pure. */
final class SendCommands {
  private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final MessagingSettings settings;

  SendCommands(MessagingSettings settings) {
    this.settings = settings;
  }

  SendCommand fromFrame(ClientFrame frame) {
    ClientFrame.Membership membership = frame.membership();
    ClientFrame.Welcome welcome = frame.welcome();
    return build(
        frame.conversationId(),
        frame.clientMessageId(),
        frame.kind(),
        frame.epoch(),
        frame.ciphertext(),
        membership == null ? null : membership.addAccountIds(),
        membership == null ? null : membership.removeAccountIds(),
        welcome == null ? null : welcome.ciphertext(),
        welcome == null ? null : welcome.deviceIds(),
        frame.removeDeviceIds());
  }

  SendCommand fromRequest(String conversationId, EnvelopeApi.SendRequest request) {
    EnvelopeApi.MembershipChange membership = request.membership();
    EnvelopeApi.WelcomeRequest welcome = request.welcome();
    return build(
        conversationId,
        request.clientMessageId(),
        request.kind(),
        request.epoch(),
        request.ciphertext(),
        membership == null ? null : membership.addAccountIds(),
        membership == null ? null : membership.removeAccountIds(),
        welcome == null ? null : welcome.ciphertext(),
        welcome == null ? null : welcome.deviceIds(),
        request.removeDeviceIds());
  }

  private SendCommand build(
      String conversationId,
      String clientMessageId,
      String kindText,
      Long epoch,
      String ciphertext,
      List<String> addAccountIds,
      List<String> removeAccountIds,
      String welcome,
      List<String> welcomeDeviceIds,
      List<String> removeDeviceIds) {
    requireId(conversationId, "conversationId");
    if (clientMessageId == null) {
      throw RequestError.missingField("clientMessageId");
    }
    if (!CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
      throw RequestError.validation(
          "clientMessageId", "A client message id has 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    EnvelopeKind kind =
        EnvelopeKind.parse(kindText == null ? null : kindText)
            .orElseThrow(
                () ->
                    kindText == null
                        ? RequestError.missingField("kind")
                        : RequestError.validation(
                            "kind", "Kind must be application, proposal or commit."));
    if (epoch == null) {
      throw RequestError.missingField("epoch");
    }
    if (epoch < 0) {
      throw RequestError.validation("epoch", "An epoch is not negative.");
    }
    byte[] body = Base64s.decode(ciphertext, "ciphertext", settings.ciphertextBytesMax());
    List<String> adds =
        ids(
            addAccountIds,
            "membership.addAccountIds",
            MessagingSettings.MEMBERSHIP_CHANGE_ACCOUNTS_MAX);
    List<String> removes =
        ids(
            removeAccountIds,
            "membership.removeAccountIds",
            MessagingSettings.MEMBERSHIP_CHANGE_ACCOUNTS_MAX);
    List<String> welcomeDevices =
        ids(welcomeDeviceIds, "welcome.deviceIds", MessagingSettings.WELCOME_DEVICES_MAX);
    List<String> removedDevices =
        ids(removeDeviceIds, "removeDeviceIds", MessagingSettings.WELCOME_DEVICES_MAX);
    if (welcomeDevices.size() + removedDevices.size() > MessagingSettings.WELCOME_DEVICES_MAX) {
      throw RequestError.validation(
          "removeDeviceIds",
          "A commit names at most " + MessagingSettings.WELCOME_DEVICES_MAX + " devices in all.");
    }
    byte[] welcomeBytes =
        welcome == null
            ? null
            : Base64s.decode(welcome, "welcome.ciphertext", settings.welcomeBytesMax());
    if (kind != EnvelopeKind.COMMIT
        && (!adds.isEmpty()
            || !removes.isEmpty()
            || welcomeBytes != null
            || !removedDevices.isEmpty())) {
      throw RequestError.validation(
          "kind", "Only a commit changes membership or carries a Welcome.");
    }
    if ((welcomeBytes == null) != welcomeDevices.isEmpty()) {
      throw RequestError.validation(
          "welcome", "A Welcome needs its ciphertext and the devices it is for.");
    }
    return new SendCommand(
        conversationId,
        clientMessageId,
        kind,
        epoch,
        body,
        adds,
        removes,
        welcomeBytes,
        welcomeDevices,
        removedDevices);
  }

  private static List<String> ids(List<String> ids, String field, int countMax) {
    if (ids == null) {
      return List.of();
    }
    if (ids.size() > countMax) {
      throw RequestError.validation(field, "At most " + countMax + " ids.");
    }
    for (String id : ids) {
      requireId(id, field);
    }
    return List.copyOf(ids);
  }

  private static void requireId(String id, String field) {
    if (id == null) {
      throw RequestError.missingField(field);
    }
    if (!ID.matcher(id).matches()) {
      throw RequestError.validation(field, "Field '" + field + "' holds a malformed id.");
    }
  }
}
