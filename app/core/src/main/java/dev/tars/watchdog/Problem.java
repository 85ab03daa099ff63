package dev.tars.watchdog;

import java.time.Instant;
import java.util.List;

/**
 * A health problem as shown to a person (a non-blocking notification) and sent to the webhook. A problem that
 * went away is published once more with {@code resolved = true}. {@code message} is English (webhook, log);
 * {@code key} and {@code args} let a front end say it in the person's language (null key: English only).
 */
public record Problem(String check, Health.Severity severity, String message, Instant at, boolean resolved,
    String key, List<Object> args) {

  public Problem {
    args = args == null ? List.of() : List.copyOf(args);
  }

  public Problem(String check, Health.Severity severity, String message, Instant at, boolean resolved) {
    this(check, severity, message, at, resolved, null, List.of());
  }

  /** The problem {@code health} shows for {@code check}. */
  static Problem of(String check, Health health, String message, Instant at, boolean resolved) {
    return new Problem(check, health.severity(), message, at, resolved, health.key(), health.args());
  }
}
