package dev.atrium.miniapps;

import java.util.List;
import java.util.Locale;

/**
 * A mini-program as the registry holds it: its listing, what it may reach (network domains,
 * scopes), where its webhooks go, and the operator's decision. Never carries the secret, only its
 * hash stays in the store.
 *
 * @param appId {@code ma} + 16 lower-case base32 characters, a DNS label (it becomes a host name)
 * @param icon a small {@code data:image/...;base64,} URL, or null
 * @param domains the origins ({@code https://host[:port]}) the app may call
 * @param statusReason the operator's reason for a rejection or suspension, else null
 */
public record MiniApp(
    String appId,
    String ownerAccountId,
    String name,
    String icon,
    Category category,
    String description,
    List<String> languages,
    List<String> domains,
    List<ScopeRequest> scopes,
    String webhookUrl,
    Status status,
    String statusReason,
    long createdAtMillis,
    long updatedAtMillis,
    Long decidedAtMillis) {

  public MiniApp {
    languages = List.copyOf(languages);
    domains = List.copyOf(domains);
    scopes = List.copyOf(scopes);
  }

  /** Whether users may see and open it, and its provider server may call us: approved only. */
  public boolean isLive() {
    return status == Status.APPROVED;
  }

  /** A scope the app asks users for, with the reason shown to them. */
  public record ScopeRequest(Scope scope, String reason) {}

  /** What the operator decided; only APPROVED apps are listed and may call the provider API. */
  public enum Status {
    PENDING_REVIEW,
    APPROVED,
    REJECTED,
    SUSPENDED;

    /** The JSON and database form: {@code pending_review}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code wire}, or null when there is none. */
    public static Status fromWire(String wire) {
      for (Status status : values()) {
        if (status.wire().equals(wire)) {
          return status;
        }
      }
      return null;
    }
  }

  /** The fixed list of catalogue categories. */
  public enum Category {
    FOOD,
    HEALTH,
    TRANSPORT,
    TRAVEL,
    SHOPPING,
    GAMES,
    TOOLS,
    SERVICES,
    OTHER;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromWire(String wire) {
      for (Category category : values()) {
        if (category.wire().equals(wire)) {
          return category;
        }
      }
      return null;
    }
  }

  /** The fixed list of user data and abilities an app may request. */
  public enum Scope {
    PROFILE,
    LOCATION,
    PAYMENT,
    NOTIFICATIONS,
    STORAGE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String wire) {
      for (Scope scope : values()) {
        if (scope.wire().equals(wire)) {
          return scope;
        }
      }
      return null;
    }
  }
}
