package dev.tars.watchdog;

import java.util.List;

/**
 * The result of one health check. {@code message} is written for a person in English (logs, webhook, command
 * line): what is wrong and what to do. {@code key} and {@code args} say the same for a front end that shows it in
 * the person's language ({@code watchdog.<key>} in its texts); a null key means there is only the English text.
 */
public record Health(Severity severity, String message, String key, List<Object> args) {
  private static final Health OK = new Health(Severity.OK, "");

  public Health {
    args = args == null ? List.of() : List.copyOf(args);
  }

  public Health(Severity severity, String message) {
    this(severity, message, null, List.of());
  }

  public static Health ok() {
    return OK;
  }

  public static Health warning(String message) {
    return new Health(Severity.WARNING, message);
  }

  public static Health critical(String message) {
    return new Health(Severity.CRITICAL, message);
  }

  /** A warning that front ends can translate: {@code key} with {@code args}, {@code message} in English. */
  public static Health warning(String key, String message, Object... args) {
    return new Health(Severity.WARNING, message, key, List.of(args));
  }

  /** A critical finding that front ends can translate, like {@link #warning(String, String, Object...)}. */
  public static Health critical(String key, String message, Object... args) {
    return new Health(Severity.CRITICAL, message, key, List.of(args));
  }

  public boolean isOk() {
    return severity == Severity.OK;
  }

  /** How bad a finding is. */
  public enum Severity {
    OK,
    WARNING,
    CRITICAL
  }
}
