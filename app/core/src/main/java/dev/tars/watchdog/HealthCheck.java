package dev.tars.watchdog;

/**
 * One thing the watchdog looks at on every round. Runs on the watchdog thread; must return within a few
 * seconds and report failures as a {@link Health}, not throw (a throw is reported as critical).
 */
public interface HealthCheck {

  /** Short stable name, e.g. {@code engine}, {@code disk}; problems and webhooks carry it. */
  String name();

  Health check();
}
