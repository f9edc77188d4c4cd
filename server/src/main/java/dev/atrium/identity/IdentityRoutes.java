package dev.atrium.identity;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.identity.IdentityApi.ChangePasswordRequest;
import dev.atrium.identity.IdentityApi.DeleteAccountRequest;
import dev.atrium.identity.IdentityApi.DeviceResponse;
import dev.atrium.identity.IdentityApi.LoginRequest;
import dev.atrium.identity.IdentityApi.ProfileResponse;
import dev.atrium.identity.IdentityApi.PublicProfileResponse;
import dev.atrium.identity.IdentityApi.RegisterRequest;
import dev.atrium.identity.IdentityApi.RegistrationResponse;
import dev.atrium.identity.IdentityApi.SessionResponse;
import dev.atrium.identity.IdentityApi.UpdateProfileRequest;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.ClientAddress;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.List;

/** HTTP for identity: parse, call {@link IdentityService}, map to JSON. */
final class IdentityRoutes implements RouteModule {
  private static final String TAG = "identity";
  private final IdentityService service;

  IdentityRoutes(IdentityService service) {
    this.service = service;
  }

  @Override
  public void register(Api api) {
    api.open(
        Operation.post("/api/v1/accounts", "registerAccount")
            .tag(TAG)
            .summary("Create an account and log this device in.")
            .request(RegisterRequest.class)
            .response(201, SessionResponse.class)
            .errors(403, 409, 422, 429),
        this::registerAccount);
    api.open(
        Operation.get("/api/v1/registration", "getRegistration")
            .tag(TAG)
            .summary(
                "Whether this server takes new accounts, and whether they need an invite code; no login needed.")
            .response(200, RegistrationResponse.class),
        ctx -> ctx.json(new RegistrationResponse(service.registrationMode().configName())));
    api.open(
        Operation.post("/api/v1/sessions", "login")
            .tag(TAG)
            .summary("Log a new device in with username and password.")
            .request(LoginRequest.class)
            .response(201, SessionResponse.class)
            .errors(401, 403, 409, 422, 429),
        this::login);
    api.authenticated(
        Operation.delete("/api/v1/sessions/current", "logout")
            .tag(TAG)
            .summary("Log this device out; its token stops working.")
            .noContent(),
        (ctx, caller) -> {
          service.revokeDevice(caller.accountId(), caller.deviceId());
          ctx.status(204);
        });
    api.authenticated(
        Operation.get("/api/v1/me", "getProfile")
            .tag(TAG)
            .summary("The caller's profile.")
            .response(200, ProfileResponse.class),
        (ctx, caller) -> ctx.json(ProfileResponse.of(service.account(caller.accountId()))));
    api.authenticated(
        Operation.patch("/api/v1/me", "updateProfile")
            .tag(TAG)
            .summary("Change display name and/or language.")
            .request(UpdateProfileRequest.class)
            .response(200, ProfileResponse.class)
            .errors(422),
        this::updateProfile);
    api.authenticated(
        Operation.delete("/api/v1/me", "deleteAccount")
            .tag(TAG)
            .summary("Delete the account: personal data and sessions are erased.")
            .request(DeleteAccountRequest.class)
            .noContent()
            .errors(403, 409, 429),
        this::deleteAccount);
    api.authenticated(
        Operation.post("/api/v1/me/password", "changePassword")
            .tag(TAG)
            .summary("Change the password; every other device is logged out.")
            .request(ChangePasswordRequest.class)
            .noContent()
            .errors(403, 422, 429),
        this::changePassword);
    api.authenticated(
        Operation.get("/api/v1/me/export", "exportAccount")
            .tag(TAG)
            .summary("Everything the server holds about the caller's account.")
            .response(200, AccountExport.class),
        (ctx, caller) -> ctx.json(service.export(caller.accountId())));
    api.authenticated(
        Operation.get("/api/v1/devices", "listDevices")
            .tag(TAG)
            .summary("The caller's logged-in devices.")
            .response(200, new TypeReference<List<DeviceResponse>>() {}.getType()),
        (ctx, caller) ->
            ctx.json(
                service.devices(caller.accountId()).stream()
                    .map(device -> DeviceResponse.of(device, caller.deviceId()))
                    .toList()));
    api.authenticated(
        Operation.delete("/api/v1/devices/{deviceId}", "revokeDevice")
            .tag(TAG)
            .summary("Log one of the caller's devices out; its token stops working at once.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.revokeDevice(caller.accountId(), ctx.pathParam("deviceId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.get("/api/v1/users/{username}", "lookupUser")
            .tag(TAG)
            .summary("Find a user by exact username (no partial matches).")
            .response(200, PublicProfileResponse.class)
            .errors(404, 429),
        (ctx, caller) ->
            ctx.json(PublicProfileResponse.of(service.lookup(caller, ctx.pathParam("username")))));
  }

  private void registerAccount(Context ctx) {
    RegisterRequest request = body(ctx, RegisterRequest.class);
    var registration =
        new IdentityService.Registration(
            required(request.username(), "username"),
            required(request.password(), "password"),
            IdentityRules.displayName(required(request.displayName(), "displayName")),
            IdentityRules.language(request.language()),
            request.inviteCode(),
            IdentityRules.deviceName(request.deviceName()));
    ctx.status(201).json(sessionResponse(service.register(registration, ClientAddress.of(ctx))));
  }

  private void login(Context ctx) {
    LoginRequest request = body(ctx, LoginRequest.class);
    var session =
        service.login(
            required(request.username(), "username"),
            required(request.password(), "password"),
            IdentityRules.deviceName(request.deviceName()),
            ClientAddress.of(ctx));
    ctx.status(201).json(sessionResponse(session));
  }

  private void updateProfile(Context ctx, Caller caller) {
    UpdateProfileRequest request = body(ctx, UpdateProfileRequest.class);
    String displayName =
        request.displayName() == null ? null : IdentityRules.displayName(request.displayName());
    Language language =
        request.language() == null ? null : IdentityRules.language(request.language());
    ctx.json(ProfileResponse.of(service.updateProfile(caller.accountId(), displayName, language)));
  }

  private void changePassword(Context ctx, Caller caller) {
    ChangePasswordRequest request = body(ctx, ChangePasswordRequest.class);
    service.changePassword(
        caller,
        required(request.currentPassword(), "currentPassword"),
        required(request.newPassword(), "newPassword"));
    ctx.status(204);
  }

  private void deleteAccount(Context ctx, Caller caller) {
    DeleteAccountRequest request = body(ctx, DeleteAccountRequest.class);
    service.deleteAccount(caller, required(request.password(), "password"));
    ctx.status(204);
  }

  static SessionResponse sessionResponse(IdentityService.Session session) {
    return new SessionResponse(
        session.token(),
        DeviceResponse.of(session.device(), session.device().id()),
        ProfileResponse.of(session.account()));
  }
}
