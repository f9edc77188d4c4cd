package dev.atrium.keys;

import static dev.atrium.platform.http.Requests.body;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.keys.KeysApi.ClaimKeyPackagesRequest;
import dev.atrium.keys.KeysApi.ClaimedKeyPackageResponse;
import dev.atrium.keys.KeysApi.ClaimedKeyPackagesResponse;
import dev.atrium.keys.KeysApi.DeviceKeyResponse;
import dev.atrium.keys.KeysApi.KeyPackageCountResponse;
import dev.atrium.keys.KeysApi.KeyPackageUpload;
import dev.atrium.keys.KeysApi.RegisterIdentityKeyRequest;
import dev.atrium.keys.KeysApi.UploadKeyPackagesRequest;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** HTTP for the key directory: parse, call {@link KeysService}, map to JSON. */
final class KeysRoutes implements RouteModule {
  private static final String TAG = "keys";
  private final KeysService service;
  private final KeysSettings settings;

  KeysRoutes(KeysService service, KeysSettings settings) {
    this.service = service;
    this.settings = settings;
  }

  @Override
  public void register(Api api) {
    api.authenticated(
        Operation.put("/api/v1/devices/current/identity-key", "registerIdentityKey")
            .tag(TAG)
            .summary(
                "Register this device's MLS signature public key, once. The same key again changes nothing; "
                    + "a different key is refused (a new key needs a new device).")
            .request(RegisterIdentityKeyRequest.class)
            .response(200, DeviceKeyResponse.class)
            .errors(409, 422),
        this::registerIdentityKey);
    api.authenticated(
        Operation.get("/api/v1/accounts/{accountId}/devices", "listDeviceKeys")
            .tag(TAG)
            .summary(
                "An account's devices with their signature keys: for the account itself and its contacts; "
                    + "anyone else gets 404.")
            .response(200, new TypeReference<List<DeviceKeyResponse>>() {}.getType())
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                service.devices(caller.accountId(), ctx.pathParam("accountId")).stream()
                    .map(DeviceKeyResponse::of)
                    .toList()));
    api.authenticated(
        Operation.post("/api/v1/devices/current/key-packages", "uploadKeyPackages")
            .tag(TAG)
            .summary(
                "Store one-time key packages for this device (all or none; at most "
                    + settings.keyPackagesPerUploadMax()
                    + " per request, "
                    + settings.keyPackagesPerDeviceMax()
                    + " stored, "
                    + settings.keyPackageBytesMax()
                    + " bytes each) and/or replace its last-resort one.")
            .request(UploadKeyPackagesRequest.class)
            .response(200, KeyPackageCountResponse.class)
            .errors(409, 413, 422),
        this::uploadKeyPackages);
    api.authenticated(
        Operation.get("/api/v1/devices/current/key-packages/count", "countKeyPackages")
            .tag(TAG)
            .summary(
                "How many one-time key packages this device has stored, to know when to upload more.")
            .response(200, KeyPackageCountResponse.class),
        (ctx, caller) -> ctx.json(KeyPackageCountResponse.of(service.count(caller))));
    api.authenticated(
        Operation.post("/api/v1/accounts/{accountId}/key-packages/claim", "claimKeyPackages")
            .tag(TAG)
            .summary(
                "Take one key package per device of the account (never the caller's own device), to add "
                    + "them to an MLS group. One-time packages are deleted as they are handed out.")
            .request(ClaimKeyPackagesRequest.class)
            .response(200, ClaimedKeyPackagesResponse.class)
            .errors(404, 422, 429),
        this::claimKeyPackages);
  }

  private void registerIdentityKey(Context ctx, Caller caller) {
    RegisterIdentityKeyRequest request = body(ctx, RegisterIdentityKeyRequest.class);
    int ciphersuite = KeysRules.ciphersuite(request.ciphersuite(), "ciphersuite");
    String key = KeysRules.signaturePublicKey(request.signaturePublicKey(), "signaturePublicKey");
    ctx.json(DeviceKeyResponse.of(service.registerIdentityKey(caller, ciphersuite, key)));
  }

  private void uploadKeyPackages(Context ctx, Caller caller) {
    UploadKeyPackagesRequest request = body(ctx, UploadKeyPackagesRequest.class);
    List<KeyPackageUpload> uploads =
        request.keyPackages() == null ? List.of() : request.keyPackages();
    if (uploads.isEmpty() && request.lastResort() == null) {
      throw RequestError.validation(
          "keyPackages", "Send at least one key package or a last-resort one.");
    }
    if (uploads.size() > settings.keyPackagesPerUploadMax()) {
      throw RequestError.validation(
          "keyPackages",
          "Send at most " + settings.keyPackagesPerUploadMax() + " key packages per request.");
    }
    List<KeyPackage> oneTime = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      oneTime.add(
          KeysRules.keyPackage(
              uploads.get(i), "keyPackages[" + i + "]", settings.keyPackageBytesMax()));
    }
    KeyPackage lastResort =
        request.lastResort() == null
            ? null
            : KeysRules.keyPackage(
                request.lastResort(), "lastResort", settings.keyPackageBytesMax());
    ctx.json(KeyPackageCountResponse.of(service.upload(caller, oneTime, lastResort)));
  }

  private void claimKeyPackages(Context ctx, Caller caller) {
    ClaimKeyPackagesRequest request = body(ctx, ClaimKeyPackagesRequest.class);
    int ciphersuite = KeysRules.ciphersuite(request.ciphersuite(), "ciphersuite");
    List<ClaimedKeyPackage> claimed =
        service.claim(caller, ctx.pathParam("accountId"), ciphersuite);
    ctx.json(
        new ClaimedKeyPackagesResponse(
            claimed.stream().map(ClaimedKeyPackageResponse::of).toList()));
  }
}
