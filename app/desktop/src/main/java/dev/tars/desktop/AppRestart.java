package dev.tars.desktop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Tars again the way it was started (the installed launcher or {@code ./tars}), then closes this run.
 * The new run first waits until this one has exited (so no file is still open), then applies a pending
 * restore before it opens anything.
 */
final class AppRestart {
  private static final Logger LOG = LoggerFactory.getLogger(AppRestart.class);
  /** Set for the new run: the process id of the run that is closing. */
  private static final String PREVIOUS_RUN = "TARS_PREVIOUS_RUN";

  private AppRestart() {}

  static void restart() {
    ProcessHandle.Info self = ProcessHandle.current().info();
    if (self.command().isEmpty()) {
      LOG.warn("Cannot tell how this run was started; closing, the restore is applied at the next start");
      Platform.exit();
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(self.command().get());
    command.addAll(List.of(self.arguments().orElse(new String[0])));
    try {
      ProcessBuilder next = new ProcessBuilder(command).inheritIO();
      next.environment().put(PREVIOUS_RUN, Long.toString(ProcessHandle.current().pid()));
      next.start();
      LOG.info("Started a new run to apply the restore; closing this one");
    } catch (IOException e) {
      LOG.warn("Could not start a new run; the restore is applied at the next start", e);
    }
    Platform.exit();
  }

  /** In a run started by {@link #restart}: waits (at most a minute) until the previous run has exited. */
  static void awaitPreviousRun(Logger log) {
    String pid = System.getenv(PREVIOUS_RUN);
    if (pid == null || !pid.matches("\\d+")) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid)).ifPresent(previous -> {
      log.info("Waiting for the previous run (process {}) to exit", pid);
      try {
        previous.onExit().get(1, TimeUnit.MINUTES);
      } catch (TimeoutException | ExecutionException e) {
        log.warn("The previous run (process {}) has not exited within a minute; starting anyway", pid);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
