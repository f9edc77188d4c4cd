package dev.atrium.contacts;

import dev.atrium.contacts.ContactsService.BlockView;
import dev.atrium.contacts.ContactsService.ContactView;
import dev.atrium.contacts.ContactsService.RequestView;
import dev.atrium.identity.Account;
import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the contacts endpoints. */
final class ContactsApi {
  private ContactsApi() {}

  record SendContactRequest(
      @Required @Description("The exact username of the person to ask.") String username,
      @Description("Up to 280 characters, no line breaks.") String note) {}

  record RedeemContactLinkRequest(
      @Description("Up to 280 characters, no line breaks.") String note) {}

  /** Another person as contacts show them. */
  record ContactProfile(
      @Required String id, @Required String username, @Required String displayName) {
    static ContactProfile of(Account account) {
      return new ContactProfile(account.id(), account.username(), account.displayName());
    }
  }

  record ContactRequestResponse(
      @Required String id,
      @Required @Description("incoming: sent to the caller; outgoing: sent by the caller.")
          Direction direction,
      @Required @Description("The other party.") ContactProfile account,
      String note,
      @Required Instant createdAt) {
    static ContactRequestResponse of(RequestView view) {
      return new ContactRequestResponse(
          view.request().id(),
          view.direction(),
          ContactProfile.of(view.counterpart()),
          view.request().note(),
          Instant.ofEpochMilli(view.request().createdAtMillis()));
    }
  }

  record ContactResponse(@Required ContactProfile account, @Required Instant since) {
    static ContactResponse of(ContactView view) {
      return new ContactResponse(
          ContactProfile.of(view.account()), Instant.ofEpochMilli(view.sinceMillis()));
    }
  }

  /** What sending a request did. */
  enum SendOutcomeKind {
    REQUEST_SENT("request_sent"),
    NOW_CONTACTS("now_contacts");

    private final String code;

    SendOutcomeKind(String code) {
      this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String code() {
      return code;
    }

    @Override
    public String toString() {
      return code;
    }
  }

  record SendContactRequestResponse(
      @Required
          @Description(
              "request_sent: the request is pending. now_contacts: the other person had "
                  + "already asked the caller, so that request was accepted and no new one was made.")
          SendOutcomeKind outcome,
      @Description("The pending request, when outcome is request_sent.")
          ContactRequestResponse request,
      @Description("The new contact, when outcome is now_contacts.") ContactResponse contact) {
    static SendContactRequestResponse of(ContactsService.SendOutcome outcome) {
      return switch (outcome) {
        case ContactsService.SendOutcome.RequestSent sent ->
            new SendContactRequestResponse(
                SendOutcomeKind.REQUEST_SENT, ContactRequestResponse.of(sent.request()), null);
        case ContactsService.SendOutcome.BecameContacts became ->
            new SendContactRequestResponse(
                SendOutcomeKind.NOW_CONTACTS, null, ContactResponse.of(became.contact()));
      };
    }
  }

  record ContactRequestPage(
      @Required List<ContactRequestResponse> requests,
      @Description("Pass as 'after' for the next page; absent on the last page.")
          String nextCursor) {}

  record ContactPage(
      @Required List<ContactResponse> contacts,
      @Description("Pass as 'after' for the next page; absent on the last page.")
          String nextCursor) {}

  record BlockResponse(@Required ContactProfile account, @Required Instant blockedAt) {
    static BlockResponse of(BlockView view) {
      return new BlockResponse(
          ContactProfile.of(view.account()), Instant.ofEpochMilli(view.blockedAtMillis()));
    }
  }

  record BlockPage(
      @Required List<BlockResponse> blocks,
      @Description("Pass as 'after' for the next page; absent on the last page.")
          String nextCursor) {}

  record ContactLinkResponse(
      @Required
          @Description(
              "The link's secret part; redeem it with POST /api/v1/contact-links/{token}/requests.")
          String token,
      @Required @Description("The link to share, <server>/c/<token>; the QR codes encode it.")
          String url,
      @Required Instant createdAt) {}
}
