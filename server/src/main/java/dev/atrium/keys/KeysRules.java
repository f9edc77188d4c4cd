package dev.atrium.keys;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Requests;
import java.util.Base64;

/** Validation of keys and key packages as clients send them. Pure functions. */
final class KeysRules {
  /**
   * Largest signature public key: ML-DSA-87 (post-quantum) keys have 2592 bytes; classical ones
   * (Ed25519, P-521) fewer than 200.
   */
  static final int SIGNATURE_PUBLIC_KEY_BYTES_MAX = 4096;

  private KeysRules() {}

  /** An MLS ciphersuite id: 16 bits, 0 is reserved. */
  static int ciphersuite(Integer value, String field) {
    int ciphersuite = Requests.required(value, field);
    if (ciphersuite < 1 || ciphersuite > 65_535) {
      throw RequestError.validation(
          field, "Field '" + field + "' must be an MLS ciphersuite id, 1 to 65535.");
    }
    return ciphersuite;
  }

  static String signaturePublicKey(String value, String field) {
    String canonical = base64(value, field);
    if (decodedLength(canonical) > SIGNATURE_PUBLIC_KEY_BYTES_MAX) {
      throw RequestError.validation(
          field,
          "A signature public key has at most " + SIGNATURE_PUBLIC_KEY_BYTES_MAX + " bytes.");
    }
    return canonical;
  }

  static KeyPackage keyPackage(KeysApi.KeyPackageUpload upload, String field, int bytesMax) {
    if (upload == null) {
      throw RequestError.missingField(field);
    }
    int ciphersuite = ciphersuite(upload.ciphersuite(), field + ".ciphersuite");
    String dataField = field + ".data";
    String data = Requests.required(upload.data(), dataField);
    // Checked on the text first, so an oversized package is refused without decoding it.
    if (data.length() > base64Length(bytesMax) + 4) {
      throw new KeysError.KeyPackageTooLarge(dataField, bytesMax);
    }
    String canonical = base64(data, dataField);
    if (decodedLength(canonical) > bytesMax) {
      throw new KeysError.KeyPackageTooLarge(dataField, bytesMax);
    }
    return new KeyPackage(ciphersuite, canonical);
  }

  /** Decodes standard base64 (padding optional) and returns it re-encoded with padding. */
  private static String base64(String value, String field) {
    String text = Requests.required(value, field);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw RequestError.validation(field, "Field '" + field + "' must be standard base64.");
    }
    if (bytes.length == 0) {
      throw RequestError.validation(field, "Field '" + field + "' must not be empty.");
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  static int decodedLength(String canonicalBase64) {
    int padding = canonicalBase64.endsWith("==") ? 2 : canonicalBase64.endsWith("=") ? 1 : 0;
    return canonicalBase64.length() / 4 * 3 - padding;
  }

  private static int base64Length(int bytes) {
    return (bytes + 2) / 3 * 4;
  }
}
