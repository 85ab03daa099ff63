package dev.tars.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, as a suspended or switched-off machine sees the wall clock jump. Safe to read
 * from any thread; a copy in another zone ({@link #withZone}) keeps following the same time.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@code start} in UTC. */
  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  public MutableClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(start), zone);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public void advance(Duration by) {
    now.updateAndGet(instant -> instant.plus(by));
  }

  public void set(Instant value) {
    now.set(value);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MutableClock(now, other);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
