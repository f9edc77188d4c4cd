package dev.atrium.miniapps;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.CatalogueEntry;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.sdk.MiniAppModels.Version;
import dev.atrium.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bundles end to end: upload, review, release and rollback through the API, and the files served
 * from the app's own origin (a request with the app's Host header, over a raw socket, since the
 * JDK's client may not set Host), with its headers; and every kind of malicious zip refused.
 */
class MiniAppBundlesIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            // The listings' *.example webhook hosts resolve nowhere; the URL policy's own
            // refusals are proven in MiniAppWebhookWiringIntegrationTest.
            .set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void approvedAndReleasedVersion_isServedFromTheAppsOrigin_withItsHeaders() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);

    Version uploaded = provider.miniApps().upload(appId, bundle(appId, 1, "<h1>one</h1>"));
    assertThat(uploaded.status()).isEqualTo("in_review");
    assertThat(uploaded.files())
        .extracting(file -> file.path() + " " + file.contentType())
        .containsExactlyInAnyOrder(
            "index.html text/html;charset=utf-8",
            "manifest.json application/json",
            "app.js text/javascript;charset=utf-8");
    assertThat(status(() -> provider.miniApps().release(appId, 1))).isEqualTo(409);
    assertThat(code(() -> provider.miniApps().upload(appId, bundle(appId, 2, "two"))))
        .isEqualTo("miniapp_version_in_review");
    assertThat(fetch(appId, "/").status()).isEqualTo(404);

    assertThat(operator().miniApps().versionsInReview().items())
        .extracting(Version::appId)
        .contains(appId);
    assertThat(operator().miniApps().approveVersion(appId, 1).status()).isEqualTo("approved");
    assertThat(provider.miniApps().release(appId, 1).status()).isEqualTo("live");

    Fetched index = fetch(appId, "/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).isEqualTo("<h1>one</h1>");
    assertThat(index.header("content-type")).isEqualTo("text/html;charset=utf-8");
    assertThat(index.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(index.header("referrer-policy")).isEqualTo("no-referrer");
    assertThat(index.header("set-cookie")).isNull();
    int port = server.uri().getPort();
    assertThat(index.header("content-security-policy"))
        .isEqualTo(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; connect-src https://api.noodles.example; "
                + "frame-ancestors http://localhost:"
                + port
                + " http://127.0.0.1:"
                + port
                + "; base-uri 'none'; form-action 'self'; object-src 'none'");
    assertThat(fetch(appId, "/app.js").header("content-type"))
        .isEqualTo("text/javascript;charset=utf-8");
    assertThat(fetch(appId, "/", Map.of("If-None-Match", index.header("etag"))).status())
        .isEqualTo(304);
    assertThat(fetch(appId, "/missing.js").status()).isEqualTo(404);
    assertThat(fetch(appId, "/api/v1/miniapps/mine").status()).isEqualTo(404);
    assertThat(fetch(appId, "/health/live").status()).isEqualTo(404);
    // Jetty itself refuses an ambiguous path (400) before any handler sees it.
    assertThat(fetch(appId, "/../manifest.json").status()).isIn(400, 404);

    CatalogueEntry listing = server.newUserClient("user").miniApps().listing(appId);
    assertThat(listing.origin()).isEqualTo("http://" + appId + ".apps.localhost:" + port);
    assertThat(listing.liveVersionCode()).isEqualTo(1);
    assertThat(listing.liveVersionName()).isEqualTo("1.0.1");
  }

  @Test
  void suspendingTheApp_takesItsOriginOfflineAtOnce() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);
    release(provider, appId, 1, "live");
    assertThat(fetch(appId, "/").status()).isEqualTo(200);

    operator().miniApps().suspend(appId, "Fraud reports.");
    assertThat(fetch(appId, "/").status()).isEqualTo(404);
    assertThat(fetch(appId, "/app.js").status()).isEqualTo(404);

    operator().miniApps().resume(appId);
    assertThat(fetch(appId, "/").body()).isEqualTo("live");
  }

  @Test
  void releasingAnEarlierVersion_rollsBack() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);
    release(provider, appId, 1, "first");
    release(provider, appId, 2, "second");
    assertThat(fetch(appId, "/").body()).isEqualTo("second");

    Version rolledBack = provider.miniApps().release(appId, 1);

    assertThat(rolledBack.status()).isEqualTo("live");
    assertThat(fetch(appId, "/").body()).isEqualTo("first");
    assertThat(provider.miniApps().listVersions(appId).items())
        .extracting(version -> version.code() + " " + version.status())
        .containsExactly("2 approved", "1 live");
  }

  @Test
  void bridgeScript_isServedOnEveryLiveAppOrigin() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);
    release(provider, appId, 1, "x");

    Fetched bridge = fetch(appId, "/__atrium/bridge.js");

    assertThat(bridge.status()).isEqualTo(200);
    assertThat(bridge.header("content-type")).isEqualTo("text/javascript;charset=utf-8");
    assertThat(bridge.body()).contains("atriumBridgeForTests");
  }

  @Test
  void rejectedVersion_cannotBeReleased_andOnlyTheOwnerUploads() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);
    provider.miniApps().upload(appId, bundle(appId, 5, "x"));

    Version rejected = operator().miniApps().rejectVersion(appId, 5, "Broken layout.");

    assertThat(rejected.statusReason()).isEqualTo("Broken layout.");
    assertThat(status(() -> provider.miniApps().release(appId, 5))).isEqualTo(409);
    AtriumClient stranger = server.newUserClient("stranger");
    assertThat(status(() -> stranger.miniApps().upload(appId, bundle(appId, 6, "x"))))
        .isEqualTo(404);
    assertThat(status(() -> stranger.miniApps().listVersions(appId))).isEqualTo(404);
    assertThat(code(() -> provider.miniApps().upload(appId, bundle(appId, 5, "again"))))
        .isEqualTo("miniapp_version_code_not_increasing");
  }

  @Test
  void maliciousZips_areRefusedWithAStableCode() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);
    Map<String, byte[]> good = files(appId, 1, "x");

    assertThat(code(provider, appId, zip(with(good, "../x.js", "x")))).isEqualTo(UNSAFE);
    assertThat(code(provider, appId, zip(with(good, "/etc/x.js", "x")))).isEqualTo(UNSAFE);
    assertThat(code(provider, appId, zip(with(good, "a\\b.js", "x")))).isEqualTo(UNSAFE);
    assertThat(code(provider, appId, zip(with(good, "C:/x.js", "x")))).isEqualTo(UNSAFE);
    assertThat(code(provider, appId, symlinkZip(good))).isEqualTo("miniapp_bundle_link");
    assertThat(code(provider, appId, zip(with(good, "run.exe", "x"))))
        .isEqualTo("miniapp_bundle_file_type");
    assertThat(code(provider, appId, zip(with(good, "run.sh", "x"))))
        .isEqualTo("miniapp_bundle_file_type");
    assertThat(code(provider, appId, zipBomb(good))).isEqualTo("miniapp_bundle_compression_ratio");
    assertThat(code(provider, appId, duplicateZip(good)))
        .isEqualTo("miniapp_bundle_duplicate_entry");
    assertThat(code(provider, appId, tooManyEntries(good)))
        .isEqualTo("miniapp_bundle_too_many_entries");
    Map<String, byte[]> noManifest = new LinkedHashMap<>(good);
    noManifest.remove("manifest.json");
    assertThat(code(provider, appId, zip(noManifest))).isEqualTo("miniapp_bundle_incomplete");
    assertThat(code(provider, appId, zip(files("maaaaaaaaaaaaaaaaa", 1, "x"))))
        .isEqualTo("miniapp_bundle_wrong_app");
    assertThat(code(provider, appId, zip(with(good, "manifest.json", "{\"app_id\": \"" + appId))))
        .isEqualTo("miniapp_bundle_manifest_invalid");
    assertThat(
            code(
                provider,
                appId,
                zip(with(good, "manifest.json", manifest(appId, 1, "\"contacts\"")))))
        .isEqualTo("miniapp_bundle_manifest_invalid");
    assertThat(code(provider, appId, "not a zip".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("miniapp_bundle_not_zip");
    assertThat(provider.miniApps().listVersions(appId).items()).isEmpty();
  }

  @Test
  void oversizedBundle_isRefusedWith413() {
    AtriumClient provider = server.newUserClient("provider");
    String appId = approvedApp(provider);

    // Announced but not sent: a client whose whole 4 MiB body is sent into a closed connection
    // may see the reset before the refusal, so the test reads the refusal of the announcement.
    Fetched refused =
        exchange(
            "POST /api/v1/miniapps/"
                + appId
                + "/versions HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer "
                + provider.token()
                + "\r\nContent-Type: application/zip\r\nContent-Length: "
                + (4 * 1024 * 1024 + 1)
                + "\r\n");

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.body()).contains("\"miniapp_bundle_too_large\"");
  }

  private static final String UNSAFE = "miniapp_bundle_unsafe_path";

  // Helpers

  private static String approvedApp(AtriumClient provider) {
    MiniApp app = provider.miniApps().register(MiniAppsIntegrationTest.listing("Noodles"));
    operator().miniApps().approve(app.appId());
    return app.appId();
  }

  private static void release(AtriumClient provider, String appId, int code, String index) {
    provider.miniApps().upload(appId, bundle(appId, code, index));
    operator().miniApps().approveVersion(appId, code);
    provider.miniApps().release(appId, code);
  }

  private static AtriumClient operator() {
    return server.client().withToken(OPERATOR_TOKEN);
  }

  static byte[] bundle(String appId, int code, String index) {
    return zip(files(appId, code, index));
  }

  private static Map<String, byte[]> files(String appId, int code, String index) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.html", utf8(index));
    files.put("manifest.json", utf8(manifest(appId, code, "\"location\"")));
    files.put("app.js", utf8("console.log('hi');"));
    return files;
  }

  private static String manifest(String appId, int code, String permission) {
    return "{\"app_id\": \""
        + appId
        + "\", \"version\": {\"code\": "
        + code
        + ", \"name\": \"1.0."
        + code
        + "\"}, \"req_permissions\": [{\"name\": "
        + permission
        + ", \"reason\": \"To find the nearest shop.\"}], \"color_scheme\": \"dark\","
        + " \"pages\": [\"index\"]}";
  }

  private static Map<String, byte[]> with(Map<String, byte[]> files, String path, String text) {
    Map<String, byte[]> changed = new LinkedHashMap<>(files);
    changed.put(path, utf8(text));
    return changed;
  }

  private static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** 20 MiB of zeros, deflated to a few KiB. */
  private static byte[] zipBomb(Map<String, byte[]> files) {
    return zip(with(files, "bomb.txt", "\0".repeat(20 * 1024 * 1024)));
  }

  private static byte[] tooManyEntries(Map<String, byte[]> files) {
    Map<String, byte[]> many = new LinkedHashMap<>(files);
    for (int i = 0; i < 1_001; i++) {
      many.put("f" + i + ".txt", utf8("x"));
    }
    return zip(many);
  }

  /** The JDK's ZipOutputStream refuses duplicates, so Commons Compress writes this one. */
  private static byte[] duplicateZip(Map<String, byte[]> files) {
    return compress(
        files,
        zip -> {
          zip.putArchiveEntry(new ZipArchiveEntry("app.js"));
          zip.write(utf8("evil()"));
          zip.closeArchiveEntry();
        });
  }

  private static byte[] symlinkZip(Map<String, byte[]> files) {
    return compress(
        files,
        zip -> {
          ZipArchiveEntry link = new ZipArchiveEntry("secrets.txt");
          link.setUnixMode(0120777);
          zip.putArchiveEntry(link);
          zip.write(utf8("/etc/passwd"));
          zip.closeArchiveEntry();
        });
  }

  /** Something more to write into a zip. */
  private interface Extra {
    void write(ZipArchiveOutputStream zip) throws IOException;
  }

  private static byte[] compress(Map<String, byte[]> files, Extra extra) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeArchiveEntry();
      }
      extra.write(zip);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String code(AtriumClient provider, String appId, byte[] zip) {
    AtriumApiException refused = catchApi(() -> provider.miniApps().upload(appId, zip));
    assertThat(refused.status()).isEqualTo(400);
    return refused.code();
  }

  private static String code(Runnable call) {
    return catchApi(call).code();
  }

  private static int status(Runnable call) {
    return catchApi(call).status();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A response from an app origin. */
  private record Fetched(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static Fetched fetch(String appId, String path) {
    return fetch(appId, path, Map.of());
  }

  /** GETs {@code path} with the Host of the app's origin, over HTTP/1.0 on a plain socket. */
  private static Fetched fetch(String appId, String path, Map<String, String> headers) {
    int port = server.uri().getPort();
    StringBuilder request =
        new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: ")
            .append(appId)
            .append(".apps.localhost:")
            .append(port)
            .append("\r\n");
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return exchange(request.toString());
  }

  /** Sends a request head (ending in one CRLF) and no body, and reads the whole answer. */
  private static Fetched exchange(String head) {
    try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, end).split("\r\n", -1);
      Map<String, String> parsed = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        parsed.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      return new Fetched(
          Integer.parseInt(lines[0].split(" ", -1)[1]), parsed, response.substring(end + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
