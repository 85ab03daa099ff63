package dev.tars.watchdog;

import java.time.Instant;

/**
 * A health problem as shown to a person (a non-blocking notification) and sent to the webhook. A problem that
 * went away is published once more with {@code resolved = true}.
 */
public record Problem(String check, Health.Severity severity, String message, Instant at, boolean resolved) {}
