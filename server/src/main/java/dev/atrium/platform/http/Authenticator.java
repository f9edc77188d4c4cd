package dev.atrium.platform.http;

import java.util.Optional;

/** Turns a bearer token into the device it belongs to; implemented by the identity feature. */
@FunctionalInterface
public interface Authenticator {
  /** Empty when the token is unknown, revoked, or belongs to a disabled account. */
  Optional<Caller> authenticate(String bearerToken);
}
