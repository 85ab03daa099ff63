package dev.tars.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:30:00Z"); // a Sunday
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Retention.Candidate at(Instant t) {
    return new Retention.Candidate(BackupIds.of(t, 1), t, BackupState.VERIFIED);
  }

  /** A backup every hour, at :05, for the last {@code hours} hours. */
  private static List<Retention.Candidate> hourlyFor(int hours) {
    List<Retention.Candidate> list = new ArrayList<>();
    Instant newest = Instant.parse("2026-11-22T12:05:00Z");
    for (int h = 0; h < hours; h++) {
      list.add(at(newest.minus(Duration.ofHours(h))));
    }
    return list;
  }

  @Test
  void keepsTwentyFourHourlySevenDailyAndFourWeeklyFromFiveWeeksOfHourlyBackups() {
    List<Retention.Candidate> all = hourlyFor(24 * 35);
    Retention.Decision decision = Retention.decide(all, new RetentionPolicy(0, 24, 7, 4), CLOCK);

    List<Instant> kept = all.stream().filter(c -> decision.keep().containsKey(c.id())).map(Retention.Candidate::createdAt).sorted().toList();
    // 24 hourly: 2026-11-21T13:05 .. 2026-11-22T12:05
    assertThat(kept).containsAll(hourlyFor(24).stream().map(Retention.Candidate::createdAt).toList());
    // daily: newest of each of the 7 days 16..22 November (the 22nd is the newest hourly one)
    for (int day = 16; day <= 21; day++) {
      assertThat(kept).contains(Instant.parse("2026-11-%02dT23:05:00Z".formatted(day)));
    }
    // weekly: newest of ISO weeks starting Mon 16 Nov (already kept), 9 Nov, 2 Nov, 26 Oct
    assertThat(kept).contains(Instant.parse("2026-11-15T23:05:00Z"), Instant.parse("2026-11-08T23:05:00Z"),
        Instant.parse("2026-11-01T23:05:00Z"));
    // 24 hourly + 6 more days + 3 more weeks; the 21st's 23:05 is also an hourly one
    assertThat(kept).hasSize(24 + 6 - 1 + 3);
    assertThat(decision.delete()).hasSize(all.size() - kept.size());
    assertThat(decision.delete().get(0)).isEqualTo(all.get(all.size() - 1).id());
  }

  @Test
  void twoBackupsInOneHourAreBothKeptByTheLastCount() {
    Retention.Candidate early = at(Instant.parse("2026-11-22T12:01:00Z"));
    Retention.Candidate late = at(Instant.parse("2026-11-22T12:20:00Z"));
    Retention.Decision withLast = Retention.decide(List.of(early, late), new RetentionPolicy(2, 24, 7, 4), CLOCK);
    Retention.Decision withoutLast = Retention.decide(List.of(early, late), new RetentionPolicy(0, 24, 7, 4), CLOCK);

    assertThat(withLast.keep()).containsKeys(early.id(), late.id());
    assertThat(withoutLast.delete()).containsExactly(early.id());
  }

  @Test
  void failedBackupsFillNoSlotAndTheNewestVerifiedOneIsNeverDeleted() {
    Retention.Candidate good = at(Instant.parse("2026-11-22T09:00:00Z"));
    List<Retention.Candidate> all = new ArrayList<>(List.of(good));
    for (int h = 10; h <= 12; h++) {
      Instant t = Instant.parse("2026-11-22T%02d:00:00Z".formatted(h));
      all.add(new Retention.Candidate(BackupIds.of(t, 1), t, h == 12 ? BackupState.UNVERIFIED : BackupState.FAILED));
    }
    Retention.Decision decision = Retention.decide(all, new RetentionPolicy(0, 1, 0, 0), CLOCK);

    assertThat(decision.keep()).containsOnlyKeys(good.id(), all.get(3).id());
    assertThat(decision.keep().get(good.id())).isEqualTo("newest verified");
    assertThat(decision.delete()).containsExactly(all.get(1).id(), all.get(2).id());
  }

  @Test
  void backupsDatedAfterNowAreKeptWhenTheClockWasSetBack() {
    List<Retention.Candidate> all = new ArrayList<>(hourlyFor(3));
    Retention.Candidate future = at(NOW.plus(Duration.ofDays(30)));
    Retention.Candidate future2 = at(NOW.plus(Duration.ofDays(31)));
    all.add(future);
    all.add(future2);
    Retention.Decision decision = Retention.decide(all, new RetentionPolicy(0, 1, 0, 0), CLOCK);

    assertThat(decision.keep()).containsKeys(future.id(), future2.id());
  }

  @Test
  void daysBeginAtMidnightInTheClocksZone() {
    // 23:30 UTC on the 21st is already the 22nd in Berlin: one day there, two days in UTC.
    Retention.Candidate lateUtc = at(Instant.parse("2026-11-21T23:30:00Z"));
    Retention.Candidate morning = at(Instant.parse("2026-11-22T08:00:00Z"));

    RetentionPolicy twoDays = new RetentionPolicy(0, 0, 2, 0);
    Clock berlin = Clock.fixed(NOW, ZoneId.of("Europe/Berlin"));

    assertThat(Retention.decide(List.of(lateUtc, morning), twoDays, CLOCK).delete()).isEmpty();
    assertThat(Retention.decide(List.of(lateUtc, morning), twoDays, berlin).delete()).containsExactly(lateUtc.id());
  }

  @Test
  void aPolicyThatKeepsNothingIsRefused() {
    assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetentionPolicy(-1, 24, 7, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
