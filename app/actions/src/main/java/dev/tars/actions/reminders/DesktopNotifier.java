package dev.tars.actions.reminders;

/**
 * Shows a notice outside the window (the operating system's notifications). Implementations must not block
 * for long; the in-app notice is shown whatever this returns.
 */
public interface DesktopNotifier {
  /** @return false when no notification could be shown (no service, command failed) */
  boolean show(Notice notice);

  /** For machines without a notification service: shows nothing. */
  DesktopNotifier NONE = notice -> false;
}
