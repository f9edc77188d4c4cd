package dev.atrium.platform.security;

import dev.atrium.platform.errors.RequestError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle) in the PHC string format, e.g. {@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. Parameters are read back from each stored hash, so
 * raising them later keeps old hashes verifiable.
 *
 * <p>Each hash takes {@code memoryKibibytes} of memory, so at most {@code concurrentHashesMax} run
 * at once; callers beyond that wait up to a bound and then get a 503. Thread-safe.
 */
public final class PasswordHasher {
  /** OWASP's first recommended Argon2id configuration: 19 MiB, 2 iterations, 1 lane. */
  public static final Parameters OWASP = new Parameters(19_456, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int PASSWORD_BYTES_MAX = 1024;
  private static final long WAIT_MILLIS_MAX = 10_000;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final Parameters parameters;
  private final Semaphore permits;
  private final SecureRandom random = new SecureRandom();
  private final String dummyHash;

  public PasswordHasher(Parameters parameters, int concurrentHashesMax) {
    this.parameters = parameters;
    this.permits = new Semaphore(concurrentHashesMax, true);
    // Verifying against this costs the same as a real check; no real password can match it
    // because nothing was derived to produce it, so it needs no hashing at startup.
    this.dummyHash =
        "$argon2id$v=19$m="
            + parameters.memoryKibibytes()
            + ",t="
            + parameters.iterations()
            + ",p="
            + parameters.parallelism()
            + "$"
            + B64.encodeToString(new byte[SALT_BYTES])
            + "$"
            + B64.encodeToString(new byte[HASH_BYTES]);
  }

  /** Cost settings of Argon2id. */
  public record Parameters(int memoryKibibytes, int iterations, int parallelism) {}

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
    // Callers validate new passwords first (at most 256 characters, so at most 1,024 bytes).
    if (passwordBytes.length > PASSWORD_BYTES_MAX) {
      throw new IllegalArgumentException("Password longer than " + PASSWORD_BYTES_MAX + " bytes");
    }
    byte[] hash = derive(passwordBytes, salt, parameters);
    return "$argon2id$v=19$m="
        + parameters.memoryKibibytes()
        + ",t="
        + parameters.iterations()
        + ",p="
        + parameters.parallelism()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /**
   * Constant-time comparison; a malformed stored hash never matches. Neither does a password over
   * {@value #PASSWORD_BYTES_MAX} bytes, since {@link #hash} never accepts one; it is answered like
   * any wrong password, after the same work, so its length reveals nothing and is no error.
   */
  public boolean verify(String password, String storedHash) {
    Parsed parsed = Parsed.of(storedHash);
    if (parsed == null) {
      return false;
    }
    byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
    boolean possible = passwordBytes.length <= PASSWORD_BYTES_MAX;
    byte[] actual =
        derive(possible ? passwordBytes : new byte[0], parsed.salt(), parsed.parameters());
    return possible && MessageDigest.isEqual(actual, parsed.hash());
  }

  /**
   * Spends the same work as a real check, for unknown usernames, so response times do not reveal
   * which usernames exist.
   */
  public void verifyAgainstDummy(String password) {
    verify(password, dummyHash);
  }

  /**
   * True when the stored hash was made with weaker parameters than today's and should be redone.
   */
  public boolean needsRehash(String storedHash) {
    Parsed parsed = Parsed.of(storedHash);
    return parsed == null || !parsed.parameters().equals(parameters);
  }

  private byte[] derive(byte[] passwordBytes, byte[] salt, Parameters cost) {
    acquire();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(cost.memoryKibibytes())
              .withIterations(cost.iterations())
              .withParallelism(cost.parallelism())
              .withSalt(salt)
              .build());
      byte[] out = new byte[HASH_BYTES];
      generator.generateBytes(passwordBytes, out);
      return out;
    } finally {
      permits.release();
    }
  }

  private void acquire() {
    try {
      if (!permits.tryAcquire(WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS)) {
        throw RequestError.overloaded(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RequestError.overloaded(2);
    }
  }

  private record Parsed(Parameters parameters, byte[] salt, byte[] hash) {
    static Parsed of(String phc) {
      if (phc == null) {
        return null;
      }
      String[] parts = phc.split("\\$", -1);
      // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
      if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
        return null;
      }
      try {
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String setting : parts[3].split(",", -1)) {
          String[] pair = setting.split("=", 2);
          int value = Integer.parseInt(pair[1]);
          switch (pair[0]) {
            case "m" -> memory = value;
            case "t" -> iterations = value;
            case "p" -> parallelism = value;
            default -> {
              return null;
            }
          }
        }
        if (memory < 8 || iterations < 1 || parallelism < 1) {
          return null;
        }
        return new Parsed(
            new Parameters(memory, iterations, parallelism),
            B64_DECODER.decode(parts[4]),
            B64_DECODER.decode(parts[5]));
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
