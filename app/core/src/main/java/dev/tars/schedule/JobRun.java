package dev.tars.schedule;

import java.time.Instant;

/**
 * The last run of a scheduled job, as a person sees it.
 *
 * @param scheduledFor the due time the last run covered (runs by hand keep it)
 * @param lastRunAt when it last ran, or null if never
 * @param result what it did, or why it failed, in a person's words
 */
public record JobRun(Instant scheduledFor, Instant lastRunAt, Outcome outcome, String result) {
  /** How the last run ended. */
  public enum Outcome { NEVER_RUN, SUCCEEDED, FAILED }
}
