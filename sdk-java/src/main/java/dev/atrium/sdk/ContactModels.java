package dev.atrium.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of Atrium's contacts API, as the SDK reads and writes them. */
public final class ContactModels {
  private ContactModels() {}

  /** Another person as contacts show them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ContactProfile(String id, String username, String displayName) {}

  /**
   * A pending request; {@code direction} is "incoming" or "outgoing", {@code account} the other
   * party.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ContactRequest(
      String id, String direction, ContactProfile account, String note, Instant createdAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Contact(ContactProfile account, Instant since) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Block(ContactProfile account, Instant blockedAt) {}

  /**
   * What sending a request did: {@code outcome} "request_sent" with the pending {@code request}, or
   * "now_contacts" with the {@code contact}, when the other person had already asked.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RequestOutcome(String outcome, ContactRequest request, Contact contact) {
    public boolean isNowContacts() {
      return "now_contacts".equals(outcome);
    }
  }

  /** One page; pass {@code nextCursor} to get the next, null on the last page. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ContactPage(List<Contact> contacts, String nextCursor) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ContactRequestPage(List<ContactRequest> requests, String nextCursor) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BlockPage(List<Block> blocks, String nextCursor) {}

  /**
   * The caller's contact link: share {@code url} (or its QR code); {@code token} is its secret
   * part.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ContactLink(String token, String url, Instant createdAt) {}

  /** An image as served, with its content type. */
  public record Image(String contentType, byte[] bytes) {}

  record SendRequest(String username, String note) {}

  record LinkRedemption(String note) {}
}
