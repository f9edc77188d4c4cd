package dev.atrium.contacts;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.contacts.ContactsApi.BlockPage;
import dev.atrium.contacts.ContactsApi.BlockResponse;
import dev.atrium.contacts.ContactsApi.ContactLinkResponse;
import dev.atrium.contacts.ContactsApi.ContactPage;
import dev.atrium.contacts.ContactsApi.ContactRequestPage;
import dev.atrium.contacts.ContactsApi.ContactRequestResponse;
import dev.atrium.contacts.ContactsApi.ContactResponse;
import dev.atrium.contacts.ContactsApi.RedeemContactLinkRequest;
import dev.atrium.contacts.ContactsApi.SendContactRequest;
import dev.atrium.contacts.ContactsApi.SendContactRequestResponse;
import dev.atrium.contacts.ContactsService.Page;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.PublicUrls;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.qr.QrCodes;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;

/** HTTP for contacts: parse, call {@link ContactsService}, map to JSON. */
final class ContactsRoutes implements RouteModule {
  private static final String TAG = "contacts";
  private static final int PAGE_ROWS_DEFAULT = 50;
  private final ContactsService service;
  private final URI publicBaseUrl;

  /**
   * {@code publicBaseUrl} is where people reach this server; null to use each request's own origin.
   */
  ContactsRoutes(ContactsService service, URI publicBaseUrl) {
    this.service = service;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void register(Api api) {
    registerRequests(api);
    registerContacts(api);
    registerBlocks(api);
    registerContactLink(api);
  }

  private void registerRequests(Api api) {
    api.authenticated(
        Operation.post("/api/v1/contacts/requests", "sendContactRequest")
            .tag(TAG)
            .summary(
                "Ask someone, by exact username, to become a contact. If they had already asked the caller, "
                    + "that request is accepted instead (outcome now_contacts).")
            .request(SendContactRequest.class)
            .response(201, SendContactRequestResponse.class)
            .errors(403, 404, 409, 422, 429),
        this::sendRequest);
    api.authenticated(
        Operation.post("/api/v1/contact-links/{token}/requests", "redeemContactLink")
            .tag(TAG)
            .summary(
                "Send a contact request to the owner of a contact link (body {} for no note). "
                    + "An unknown or rotated link is not found.")
            .request(RedeemContactLinkRequest.class)
            .response(201, SendContactRequestResponse.class)
            .errors(403, 404, 409, 422, 429),
        this::redeemLink);
    api.authenticated(
        Operation.get("/api/v1/contacts/requests", "listContactRequests")
            .tag(TAG)
            .queryString("direction", "incoming (default) or outgoing.")
            .queryString(
                "after",
                "The cursor of the previous page (its nextCursor); absent for the first page.")
            .queryInteger(
                "limit",
                1,
                ContactsService.PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "Pending requests, newest first: direction=incoming (default) or outgoing; limit 1-"
                    + ContactsService.PAGE_ROWS_MAX
                    + "; after=nextCursor of the previous page.")
            .response(200, ContactRequestPage.class)
            .errors(400),
        this::listRequests);
    api.authenticated(
        Operation.post("/api/v1/contacts/requests/{requestId}/accept", "acceptContactRequest")
            .tag(TAG)
            .summary("Accept a request sent to the caller; both become contacts.")
            .response(200, ContactResponse.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                ContactResponse.of(
                    service.accept(caller.accountId(), ctx.pathParam("requestId")))));
    api.authenticated(
        Operation.post("/api/v1/contacts/requests/{requestId}/decline", "declineContactRequest")
            .tag(TAG)
            .summary("Decline a request sent to the caller; the sender is not told.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.decline(caller.accountId(), ctx.pathParam("requestId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.delete("/api/v1/contacts/requests/{requestId}", "cancelContactRequest")
            .tag(TAG)
            .summary("Withdraw a request the caller sent.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.cancel(caller.accountId(), ctx.pathParam("requestId"));
          ctx.status(204);
        });
  }

  private void registerContacts(Api api) {
    api.authenticated(
        Operation.get("/api/v1/contacts", "listContacts")
            .tag(TAG)
            .queryString(
                "after",
                "The cursor of the previous page (its nextCursor); absent for the first page.")
            .queryInteger(
                "limit",
                1,
                ContactsService.PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "The caller's contacts, ordered by account id; limit 1-"
                    + ContactsService.PAGE_ROWS_MAX
                    + "; after=nextCursor of the previous page.")
            .response(200, ContactPage.class)
            .errors(400),
        (ctx, caller) -> {
          Page<ContactsService.ContactView> page =
              service.contacts(
                  caller.accountId(),
                  ContactRules.accountCursor(ctx.queryParam("after")),
                  limit(ctx));
          ctx.json(
              new ContactPage(
                  page.items().stream().map(ContactResponse::of).toList(), page.nextCursor()));
        });
    api.authenticated(
        Operation.delete("/api/v1/contacts/{accountId}", "removeContact")
            .tag(TAG)
            .summary("End a friendship, for both sides.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.remove(caller.accountId(), ctx.pathParam("accountId"));
          ctx.status(204);
        });
  }

  private void registerBlocks(Api api) {
    api.authenticated(
        Operation.get("/api/v1/blocks", "listBlocks")
            .tag(TAG)
            .queryString(
                "after",
                "The cursor of the previous page (its nextCursor); absent for the first page.")
            .queryInteger(
                "limit",
                1,
                ContactsService.PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "Accounts the caller blocked, ordered by account id; limit 1-"
                    + ContactsService.PAGE_ROWS_MAX
                    + "; after=nextCursor of the previous page.")
            .response(200, BlockPage.class)
            .errors(400),
        (ctx, caller) -> {
          Page<ContactsService.BlockView> page =
              service.blocks(
                  caller.accountId(),
                  ContactRules.accountCursor(ctx.queryParam("after")),
                  limit(ctx));
          ctx.json(
              new BlockPage(
                  page.items().stream().map(BlockResponse::of).toList(), page.nextCursor()));
        });
    api.authenticated(
        Operation.put("/api/v1/blocks/{accountId}", "blockAccount")
            .tag(TAG)
            .summary(
                "Block an account (idempotent): it can send the caller neither requests nor messages, "
                    + "and the friendship and pending requests both ways end.")
            .noContent()
            .errors(404, 422),
        (ctx, caller) -> {
          service.block(caller.accountId(), ctx.pathParam("accountId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.delete("/api/v1/blocks/{accountId}", "unblockAccount")
            .tag(TAG)
            .summary("Lift a block; the friendship does not come back.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.unblock(caller.accountId(), ctx.pathParam("accountId"));
          ctx.status(204);
        });
  }

  private void registerContactLink(Api api) {
    api.authenticated(
        Operation.get("/api/v1/me/contact-link", "getContactLink")
            .tag(TAG)
            .summary("The caller's contact link (made on first use).")
            .response(200, ContactLinkResponse.class),
        (ctx, caller) -> ctx.json(linkResponse(ctx, service.contactLink(caller.accountId()))));
    api.authenticated(
        Operation.post("/api/v1/me/contact-link/rotate", "rotateContactLink")
            .tag(TAG)
            .summary("Replace the caller's contact link; the old link stops working at once.")
            .response(200, ContactLinkResponse.class),
        (ctx, caller) ->
            ctx.json(linkResponse(ctx, service.rotateContactLink(caller.accountId()))));
    api.authenticated(
        Operation.get("/api/v1/me/contact-link/qr.svg", "getContactLinkQrSvg")
            .tag(TAG)
            .queryInteger(
                "size",
                QrCodes.SIZE_PIXELS_MIN,
                QrCodes.SIZE_PIXELS_MAX,
                "The image's width in pixels; default " + QrCodes.SIZE_PIXELS_DEFAULT + ".")
            .summary(
                "The contact link as a QR code, image/svg+xml; size in pixels "
                    + QrCodes.SIZE_PIXELS_MIN
                    + "-"
                    + QrCodes.SIZE_PIXELS_MAX
                    + " (default "
                    + QrCodes.SIZE_PIXELS_DEFAULT
                    + ").")
            .response(200, null)
            .errors(400),
        (ctx, caller) -> {
          int size = qrSize(ctx);
          String svg = QrCodes.svg(linkUrl(ctx, service.contactLink(caller.accountId())), size);
          // Our SVG holds no script, but it is served from the API's origin: forbid anything
          // active.
          ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
          ctx.contentType("image/svg+xml").result(svg);
        });
    api.authenticated(
        Operation.get("/api/v1/me/contact-link/qr.png", "getContactLinkQrPng")
            .tag(TAG)
            .queryInteger(
                "size",
                QrCodes.SIZE_PIXELS_MIN,
                QrCodes.SIZE_PIXELS_MAX,
                "The image's width in pixels; default " + QrCodes.SIZE_PIXELS_DEFAULT + ".")
            .summary(
                "The contact link as a QR code, image/png; size in pixels "
                    + QrCodes.SIZE_PIXELS_MIN
                    + "-"
                    + QrCodes.SIZE_PIXELS_MAX
                    + " (default "
                    + QrCodes.SIZE_PIXELS_DEFAULT
                    + ").")
            .response(200, null)
            .errors(400),
        (ctx, caller) -> {
          int size = qrSize(ctx);
          byte[] png = QrCodes.png(linkUrl(ctx, service.contactLink(caller.accountId())), size);
          ctx.contentType("image/png").result(png);
        });
  }

  private void sendRequest(Context ctx, Caller caller) {
    SendContactRequest request = body(ctx, SendContactRequest.class);
    String username = required(request.username(), "username");
    String note = ContactRules.note(request.note());
    ctx.status(201)
        .json(
            SendContactRequestResponse.of(service.sendRequest(caller.accountId(), username, note)));
  }

  private void redeemLink(Context ctx, Caller caller) {
    RedeemContactLinkRequest request = body(ctx, RedeemContactLinkRequest.class);
    String note = ContactRules.note(request.note());
    String token = ctx.pathParam("token");
    if (!ContactRules.isIdentifier(token)) {
      throw new ContactsError.NotFound("contact link");
    }
    ctx.status(201)
        .json(SendContactRequestResponse.of(service.redeemLink(caller.accountId(), token, note)));
  }

  private void listRequests(Context ctx, Caller caller) {
    String rawDirection = ctx.queryParam("direction");
    Direction direction =
        rawDirection == null || rawDirection.isEmpty()
            ? Direction.INCOMING
            : Direction.parse(rawDirection)
                .orElseThrow(
                    () ->
                        RequestError.invalidParameter(
                            "direction", "must be incoming or outgoing."));
    Page<ContactsService.RequestView> page =
        service.requests(
            caller.accountId(),
            direction,
            RequestCursor.parse(ctx.queryParam("after")),
            limit(ctx));
    ctx.json(
        new ContactRequestPage(
            page.items().stream().map(ContactRequestResponse::of).toList(), page.nextCursor()));
  }

  private static int limit(Context ctx) {
    return Requests.queryInt(ctx, "limit", PAGE_ROWS_DEFAULT, 1, ContactsService.PAGE_ROWS_MAX);
  }

  private static int qrSize(Context ctx) {
    return Requests.queryInt(
        ctx, "size", QrCodes.SIZE_PIXELS_DEFAULT, QrCodes.SIZE_PIXELS_MIN, QrCodes.SIZE_PIXELS_MAX);
  }

  private ContactLinkResponse linkResponse(Context ctx, ContactLink link) {
    return new ContactLinkResponse(
        link.token(), linkUrl(ctx, link), Instant.ofEpochMilli(link.createdAtMillis()));
  }

  private String linkUrl(Context ctx, ContactLink link) {
    return PublicUrls.of(ctx, publicBaseUrl, "/c/" + link.token());
  }
}
