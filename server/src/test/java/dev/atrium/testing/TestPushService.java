package dev.atrium.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * A push service and a browser on the other side of it, for tests: a real HTTP peer that takes RFC
 * 8030 push requests, checks their VAPID token (RFC 8292) against the key they name, and decrypts
 * their aes128gcm payload (RFC 8291) with the private key of the subscription it made, as a browser
 * would. It knows nothing of the server's code; {@code decrypt} is checked against RFC 8291's
 * published example.
 */
public final class TestPushService implements AutoCloseable {
  private static final Base64.Decoder BASE64_URL = Base64.getUrlDecoder();
  private static final Base64.Encoder BASE64_URL_OUT = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer http;
  private final Map<String, Subscription> byPath = new ConcurrentHashMap<>();
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  /** A subscription as PushSubscription.toJSON() gives it, and the browser's private half. */
  public record Subscription(String endpoint, String p256dh, String auth, PrivateKey privateKey) {}

  /** One push request as the push service saw it; plaintext is null when it did not decrypt. */
  public record Received(
      String endpoint, Map<String, List<String>> headers, String vapidProblem, String plaintext) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private TestPushService(HttpServer http) {
    this.http = http;
    http.createContext("/push/", this::handle);
    http.start();
  }

  public static TestPushService start() {
    try {
      return new TestPushService(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String origin() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** What a browser's PushManager.subscribe would return: a fresh key pair and secret. */
  public Subscription subscribe() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      byte[] auth = new byte[16];
      RANDOM.nextBytes(auth);
      String path = "/push/" + BASE64_URL_OUT.encodeToString(randomBytes(12));
      Subscription subscription =
          new Subscription(
              origin() + path,
              BASE64_URL_OUT.encodeToString(uncompressed((ECPublicKey) pair.getPublic())),
              BASE64_URL_OUT.encodeToString(auth),
              pair.getPrivate());
      byPath.put(path, subscription);
      return subscription;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** From now on, answers pushes to this subscription with {@code status} (410: it is gone). */
  public void answer(Subscription subscription, int status) {
    answers.put(java.net.URI.create(subscription.endpoint()).getPath(), status);
  }

  public Received next(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every push that arrived so far, without waiting. */
  public List<Received> drain() {
    List<Received> all = new java.util.ArrayList<>();
    received.drainTo(all);
    return all;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      Subscription subscription = byPath.get(path);
      if (subscription == null || !exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String problem = vapidProblem(exchange.getRequestHeaders().getFirst("Authorization"));
      String plaintext;
      try {
        plaintext =
            new String(
                decrypt(
                    body,
                    subscription.privateKey(),
                    BASE64_URL.decode(subscription.p256dh()),
                    BASE64_URL.decode(subscription.auth())),
                StandardCharsets.UTF_8);
      } catch (GeneralSecurityException | RuntimeException e) {
        plaintext = null;
      }
      received.add(
          new Received(
              subscription.endpoint(),
              Map.copyOf(exchange.getRequestHeaders()),
              problem,
              plaintext));
      exchange.sendResponseHeaders(answers.getOrDefault(path, 201), -1);
    }
  }

  /** Null when the VAPID token is valid for this push service; otherwise what is wrong with it. */
  private String vapidProblem(String authorization) {
    if (authorization == null) {
      return "no Authorization header";
    }
    Matcher matcher = VAPID.matcher(authorization);
    if (!matcher.matches()) {
      return "not a vapid Authorization: " + authorization;
    }
    String[] parts = matcher.group(1).split("\\.", -1);
    if (parts.length != 3) {
      return "the token is not a JWS";
    }
    try {
      PublicKey key = publicKey(BASE64_URL.decode(matcher.group(2)));
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(BASE64_URL.decode(parts[2]))) {
        return "the signature does not verify with k";
      }
      String header = new String(BASE64_URL.decode(parts[0]), StandardCharsets.UTF_8);
      String claims = new String(BASE64_URL.decode(parts[1]), StandardCharsets.UTF_8);
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      if (!json.readTree(header).path("alg").asText().equals("ES256")) {
        return "alg is not ES256";
      }
      var claimTree = json.readTree(claims);
      long now = System.currentTimeMillis() / 1000;
      long exp = claimTree.path("exp").asLong();
      if (!claimTree.path("aud").asText().equals(origin())) {
        return "aud is " + claimTree.path("aud").asText();
      }
      if (exp <= now || exp > now + 24 * 3600) {
        return "exp is not within 24 hours";
      }
      String sub = claimTree.path("sub").asText();
      if (!sub.startsWith("mailto:") && !sub.startsWith("https://")) {
        return "sub is " + sub;
      }
      return null;
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return "token unreadable: " + e;
    }
  }

  /**
   * RFC 8291 section 3.4 and RFC 8188 as a browser applies them to one aes128gcm record: the header
   * (salt, record size, the sender's public key), ECDH with the browser's private key, HKDF with
   * the auth secret, then AES-GCM, then the padding removed.
   */
  public static byte[] decrypt(
      byte[] body, PrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret)
      throws GeneralSecurityException {
    ByteBuffer buffer = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    buffer.get(salt);
    int recordSize = buffer.getInt();
    int keyIdLength = buffer.get() & 0xFF;
    byte[] asPublic = new byte[keyIdLength];
    buffer.get(asPublic);
    byte[] ciphertext = new byte[buffer.remaining()];
    buffer.get(ciphertext);
    if (ciphertext.length > recordSize) {
      throw new GeneralSecurityException("more than one record");
    }
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(uaPrivate);
    agreement.doPhase(publicKey(asPublic), true);
    byte[] ecdhSecret = agreement.generateSecret();
    byte[] keyInfo =
        concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
    byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
    byte[] cek =
        hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce =
        hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = cipher.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new GeneralSecurityException("the last record's delimiter (2) is missing");
    }
    return Arrays.copyOf(padded, end);
  }

  /** A P-256 private key from its 32-byte scalar, for the RFC's example. */
  public static PrivateKey privateKey(byte[] scalar) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC")
        .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), p256()));
  }

  private static PublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      throw new GeneralSecurityException("not an uncompressed P-256 point");
    }
    ECPoint point =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p256()));
  }

  private static ECParameterSpec p256() throws GeneralSecurityException {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }

  private static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    copyFixed(key.getW().getAffineX(), out, 1);
    copyFixed(key.getW().getAffineY(), out, 33);
    return out;
  }

  private static void copyFixed(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
  }

  private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      out.put(part);
    }
    return out.array();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
