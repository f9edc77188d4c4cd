package dev.atrium.platform.config;

/** A problem in the configuration, reported to the operator before anything starts. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
