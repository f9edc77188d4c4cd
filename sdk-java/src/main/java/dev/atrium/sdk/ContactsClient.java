package dev.atrium.sdk;

import dev.atrium.sdk.ContactModels.BlockPage;
import dev.atrium.sdk.ContactModels.Contact;
import dev.atrium.sdk.ContactModels.ContactLink;
import dev.atrium.sdk.ContactModels.ContactPage;
import dev.atrium.sdk.ContactModels.ContactRequestPage;
import dev.atrium.sdk.ContactModels.Image;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The contacts API: friend requests, contacts, blocks and the contact link ("my code"), as the
 * device of the {@link AtriumClient} it came from. Immutable and thread-safe.
 */
public final class ContactsClient {
  private final AtriumClient client;

  ContactsClient(AtriumClient client) {
    this.client = client;
  }

  // Requests

  /** Asks the user with this exact username; {@code note} may be null. */
  public RequestOutcome sendRequest(String username, String note) {
    return client.send(
        "POST",
        "/api/v1/contacts/requests",
        new ContactModels.SendRequest(username, note),
        RequestOutcome.class);
  }

  /** Sends a request to the owner of a contact link, given its token; {@code note} may be null. */
  public RequestOutcome redeemLink(String token, String note) {
    return client.send(
        "POST",
        "/api/v1/contact-links/" + AtriumClient.encode(token) + "/requests",
        new ContactModels.LinkRedemption(note),
        RequestOutcome.class);
  }

  /**
   * Requests sent to this account, newest first; {@code after} is a previous page's cursor or null.
   */
  public ContactRequestPage incomingRequests(int limit, String after) {
    return requests("incoming", limit, after);
  }

  /**
   * Requests this account sent, newest first; {@code after} is a previous page's cursor or null.
   */
  public ContactRequestPage outgoingRequests(int limit, String after) {
    return requests("outgoing", limit, after);
  }

  private ContactRequestPage requests(String direction, int limit, String after) {
    return client.send(
        "GET",
        "/api/v1/contacts/requests?direction=" + direction + page(limit, after),
        null,
        ContactRequestPage.class);
  }

  public Contact accept(String requestId) {
    return client.send(
        "POST",
        "/api/v1/contacts/requests/" + AtriumClient.encode(requestId) + "/accept",
        null,
        Contact.class);
  }

  public void decline(String requestId) {
    client.send(
        "POST",
        "/api/v1/contacts/requests/" + AtriumClient.encode(requestId) + "/decline",
        null,
        Void.class);
  }

  /** Withdraws a request this account sent. */
  public void cancel(String requestId) {
    client.send(
        "DELETE", "/api/v1/contacts/requests/" + AtriumClient.encode(requestId), null, Void.class);
  }

  // Contacts

  /**
   * One page of contacts, ordered by account id; {@code after} is a previous page's cursor or null.
   */
  public ContactPage list(int limit, String after) {
    return client.send(
        "GET", "/api/v1/contacts?" + page(limit, after).substring(1), null, ContactPage.class);
  }

  /** Every contact, following the pages. */
  public List<Contact> listAll() {
    List<Contact> all = new ArrayList<>();
    String cursor = null;
    do {
      ContactPage page = list(200, cursor);
      all.addAll(page.contacts());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  /** Ends the friendship with this account, for both sides. */
  public void remove(String accountId) {
    client.send("DELETE", "/api/v1/contacts/" + AtriumClient.encode(accountId), null, Void.class);
  }

  // Blocks

  public BlockPage blocks(int limit, String after) {
    return client.send(
        "GET", "/api/v1/blocks?" + page(limit, after).substring(1), null, BlockPage.class);
  }

  /** Blocks an account; blocking again changes nothing. */
  public void block(String accountId) {
    client.send("PUT", "/api/v1/blocks/" + AtriumClient.encode(accountId), null, Void.class);
  }

  public void unblock(String accountId) {
    client.send("DELETE", "/api/v1/blocks/" + AtriumClient.encode(accountId), null, Void.class);
  }

  // Contact link

  public ContactLink link() {
    return client.send("GET", "/api/v1/me/contact-link", null, ContactLink.class);
  }

  /** Replaces the contact link; the old one stops working. */
  public ContactLink rotateLink() {
    return client.send("POST", "/api/v1/me/contact-link/rotate", null, ContactLink.class);
  }

  /** The contact link's QR code as SVG, {@code sizePixels} square. */
  public Image linkQrSvg(int sizePixels) {
    return client.getBinary("/api/v1/me/contact-link/qr.svg?size=" + sizePixels);
  }

  /** The contact link's QR code as PNG, {@code sizePixels} square. */
  public Image linkQrPng(int sizePixels) {
    return client.getBinary("/api/v1/me/contact-link/qr.png?size=" + sizePixels);
  }

  private static String page(int limit, String after) {
    return "&limit=" + limit + (after == null ? "" : "&after=" + AtriumClient.encode(after));
  }
}
