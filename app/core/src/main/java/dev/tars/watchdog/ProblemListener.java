package dev.tars.watchdog;

/** Told about problems. Called on the watchdog thread: hand the work to your own thread (UI: Platform.runLater). */
@FunctionalInterface
public interface ProblemListener {
  void onProblem(Problem problem);
}
