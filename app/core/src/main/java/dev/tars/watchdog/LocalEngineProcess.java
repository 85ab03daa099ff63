package dev.tars.watchdog;

import dev.tars.engine.local.EngineStatus;
import dev.tars.engine.local.LocalEngine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link EngineProcess} for the {@link LocalEngine} supervisor: counts its restarts from its status changes. */
public final class LocalEngineProcess implements EngineProcess {
  private final LocalEngine engine;
  private final AtomicInteger restarts = new AtomicInteger();

  public LocalEngineProcess(LocalEngine engine) {
    this.engine = engine;
    engine.addStatusListener(status -> {
      if (status.state() == EngineStatus.State.RESTARTING) {
        restarts.incrementAndGet();
      }
    });
  }

  /** Ready (its process must be alive) or given up (the person must act); loading and restarting are normal. */
  @Override
  public boolean shouldBeRunning() {
    EngineStatus.State state = engine.status().state();
    return state == EngineStatus.State.READY || state == EngineStatus.State.FAILED;
  }

  @Override
  public Optional<ProcessHandle> process() {
    var pid = engine.processId();
    return pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
  }

  @Override
  public Optional<String> failure() {
    EngineStatus status = engine.status();
    return status.state() == EngineStatus.State.FAILED ? Optional.of(status.message()) : Optional.empty();
  }

  @Override
  public int restartCount() {
    return restarts.get();
  }
}
