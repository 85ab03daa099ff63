package dev.tars.watchdog;

import dev.tars.engine.EngineStatus;
import dev.tars.engine.local.LocalEngine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link EngineProcess} for the {@link LocalEngine} supervisor: counts its restarts from its status changes.
 * The app makes a new engine when the person picks another model; {@link #watch} moves the watch to it.
 */
public final class LocalEngineProcess implements EngineProcess {
  private final AtomicReference<LocalEngine> current = new AtomicReference<>();
  private final AtomicInteger restarts = new AtomicInteger();

  /** Watches nothing until {@link #watch} is called (no local model chosen yet, or a remote server). */
  public LocalEngineProcess() {}

  public LocalEngineProcess(LocalEngine engine) {
    watch(engine);
  }

  /** From now on, {@code engine} is the one to watch; null when no local engine runs. */
  public void watch(LocalEngine engine) {
    current.set(engine);
    if (engine != null) {
      engine.addStatusListener(status -> {
        if (status.state() == EngineStatus.State.RESTARTING && current.get() == engine) {
          restarts.incrementAndGet();
        }
      });
    }
  }

  /** Ready (its process must be alive) or given up (the person must act); loading and restarting are normal. */
  @Override
  public boolean shouldBeRunning() {
    LocalEngine engine = current.get();
    if (engine == null) {
      return false;
    }
    EngineStatus.State state = engine.status().state();
    return state == EngineStatus.State.READY || state == EngineStatus.State.FAILED;
  }

  @Override
  public Optional<ProcessHandle> process() {
    LocalEngine engine = current.get();
    if (engine == null) {
      return Optional.empty();
    }
    var pid = engine.processId();
    return pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
  }

  @Override
  public Optional<String> failure() {
    LocalEngine engine = current.get();
    if (engine == null) {
      return Optional.empty();
    }
    EngineStatus status = engine.status();
    return status.state() == EngineStatus.State.FAILED ? Optional.of(status.detail()) : Optional.empty();
  }

  @Override
  public int restartCount() {
    return restarts.get();
  }
}
