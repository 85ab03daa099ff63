package dev.tars.actions.router;

import java.time.LocalDateTime;

/** Understands a person's command on the device; writes nothing. */
public interface Router {
  /**
   * @param now the person's local date and time, for relative expressions ("tomorrow", "in 20 minutes")
   */
  Routed route(String utterance, LocalDateTime now);
}
