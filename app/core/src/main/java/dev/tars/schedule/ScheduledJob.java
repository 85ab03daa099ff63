package dev.tars.schedule;

import java.time.Instant;

/** Work run by a {@link DailyJobRunner}. */
@FunctionalInterface
public interface ScheduledJob {
  /**
   * Does the work. Blocking; runs on a worker thread.
   *
   * @param previousRun when it last ran successfully, or null if never
   * @return what was done, for a person ("Read 4 conversations in 2 projects; 3 facts proposed.")
   * @throws Exception with a message for a person when it could not be done
   */
  String run(Instant previousRun) throws Exception;
}
