package dev.atrium.platform.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether an address is on the public internet, for every URL the server calls on someone else's
 * behalf (push endpoints, mini-program webhooks): a URL pointing into the operator's own network
 * would let a user make the server call its databases, admin consoles or the cloud's metadata
 * service (server-side request forgery). Stateless and thread-safe.
 *
 * <p>Refused: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback, link-local (which holds the
 * cloud metadata address 169.254.169.254), private (RFC 1918, and {@code fec0::/10}), unique-local
 * {@code fc00::/7} (AWS's IPv6 metadata {@code fd00:ec2::254} among them), carrier-grade NAT {@code
 * 100.64.0.0/10} (Alibaba's metadata 100.100.100.200 among them), IETF protocol assignments {@code
 * 192.0.0.0/24}, benchmarking {@code 198.18.0.0/15}, reserved {@code 240.0.0.0/4} and broadcast,
 * multicast, and IPv6 forms that embed an IPv4 address (mapped, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) when the embedded one is refused.
 */
public final class PublicNetwork {
  private PublicNetwork() {}

  /**
   * True when {@code host} resolves and every address it resolves to is public. A name that does
   * not resolve is not public: it cannot be called anyway, and it may resolve inward later.
   */
  public static boolean resolvesOnlyToPublic(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!isPublic(address)) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  /** True when the address is none of the refused kinds listed on the class. */
  public static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(bytes);
    }
    if (address instanceof Inet6Address) {
      return isPublicV6(bytes);
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    int third = b[2] & 0xFF;
    return first != 0 // "this network"
        && first != 10 // RFC 1918, also checked here for addresses embedded in IPv6
        && first != 127
        && !(first == 172 && (second & 0xF0) == 16) // RFC 1918
        && !(first == 192 && second == 168) // RFC 1918
        && !(first == 100 && (second & 0xC0) == 64) // 100.64.0.0/10, carrier-grade NAT
        && !(first == 169 && second == 254)
        && !(first == 192 && second == 0 && third == 0) // 192.0.0.0/24
        && !(first == 198 && (second & 0xFE) == 18) // 198.18.0.0/15
        && first < 224; // multicast, 240.0.0.0/4 reserved, broadcast
  }

  private static boolean isPublicV6(byte[] b) {
    if ((b[0] & 0xFE) == 0xFC) {
      return false; // fc00::/7, unique local
    }
    if (isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return isPublicV4(slice(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
    }
    if (isZero(b, 0, 12)) {
      return false; // ::a.b.c.d, the deprecated IPv4-compatible form, and ::/::1
    }
    if ((b[0] & 0xFF) == 0x00
        && (b[1] & 0xFF) == 0x64
        && (b[2] & 0xFF) == 0xFF
        && (b[3] & 0xFF) == 0x9B
        && isZero(b, 4, 12)) {
      return isPublicV4(slice(b, 12)); // 64:ff9b::/96, NAT64
    }
    if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
      return isPublicV4(slice(b, 2)); // 2002::/16, 6to4
    }
    return true;
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] bytes, int from) {
    return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
  }
}
