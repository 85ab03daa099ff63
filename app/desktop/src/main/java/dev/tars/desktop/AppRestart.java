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
    List<String> command = relaunchCommand();
    if (command.isEmpty()) {
      LOG.warn("Cannot tell how this run was started; closing, the restore is applied at the next start");
      Platform.exit();
      return;
    }
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

  /**
   * How to start this app again. The installed app is started through its launcher (jpackage names it in
   * {@code jpackage.app-path}); a run from the sources ({@code ./tars}) is rebuilt from what this JVM knows of
   * itself. The process's own command line is not used: Linux may hand it over truncated (a long class path),
   * and the new run then fails to start.
   */
  static List<String> relaunchCommand() {
    String launcher = System.getProperty("jpackage.app-path");
    if (launcher != null && !launcher.isBlank()) {
      return List.of(launcher);
    }
    String javaCommand = System.getProperty("sun.java.command", "");
    java.util.Optional<String> javaBinary = ProcessHandle.current().info().command();
    if (javaBinary.isEmpty() || javaCommand.isBlank() || javaCommand.endsWith(".jar")) {
      return List.of();
    }
    List<String> command = new ArrayList<>();
    command.add(javaBinary.get());
    command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(javaCommand.split(" ")));
    return command;
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
