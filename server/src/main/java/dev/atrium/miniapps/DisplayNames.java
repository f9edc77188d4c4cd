package dev.atrium.miniapps;

/** The port to identity for the one profile field an app may read with consent. */
@FunctionalInterface
public interface DisplayNames {
  String displayName(String accountId);
}
