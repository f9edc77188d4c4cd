package dev.atrium.contacts;

import dev.atrium.platform.errors.RequestError;

/**
 * Where a newest-first page of requests continues: after the request with this creation time and
 * id. Written as {@code <createdAtMillis>.<id>}; ids never contain a dot.
 */
record RequestCursor(long createdAtMillis, String id) {
  /** Before every request: the first page. */
  static final RequestCursor START = new RequestCursor(Long.MAX_VALUE, "");

  static RequestCursor after(ContactRequest request) {
    return new RequestCursor(request.createdAtMillis(), request.id());
  }

  static RequestCursor parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return START;
    }
    int dot = raw.indexOf('.');
    if (dot > 0 && ContactRules.isIdentifier(raw.substring(dot + 1)) && dot <= 19) {
      try {
        return new RequestCursor(Long.parseLong(raw.substring(0, dot)), raw.substring(dot + 1));
      } catch (NumberFormatException e) {
        // Falls through to the refusal below.
      }
    }
    throw RequestError.invalidParameter("after", "must be a cursor from a previous page.");
  }

  @Override
  public String toString() {
    return createdAtMillis + "." + id;
  }
}
