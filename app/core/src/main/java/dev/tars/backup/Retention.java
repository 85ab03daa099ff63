package dev.tars.backup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which archives to keep. A pure function of the archives, the policy and the clock (its zone sets
 * where hours, days and weeks begin), so it can be tested at any moment.
 */
public final class Retention {
  private Retention() {}

  /** An archive as retention sees it. */
  public record Candidate(String id, Instant createdAt, BackupState state) {}

  /** Archives to keep, each with the first reason found, and those to delete, oldest first. */
  public record Decision(Map<String, String> keep, List<String> delete) {}

  public static Decision decide(List<Candidate> archives, RetentionPolicy policy, Clock clock) {
    ZoneId zone = clock.getZone();
    Instant now = clock.instant();
    List<Candidate> newestFirst = new ArrayList<>(archives);
    newestFirst.sort(Comparator.comparing(Candidate::createdAt).thenComparing(Candidate::id).reversed());
    Map<String, String> keep = new LinkedHashMap<>();

    if (!newestFirst.isEmpty()) {
      keep.put(newestFirst.get(0).id(), "newest");
    }
    newestFirst.stream().filter(c -> c.state() == BackupState.VERIFIED).findFirst()
        .ifPresent(c -> keep.putIfAbsent(c.id(), "newest verified"));
    // A clock set back must not make new backups look old and delete them.
    newestFirst.stream().filter(c -> c.createdAt().isAfter(now)).forEach(c -> keep.putIfAbsent(c.id(), "in the future"));

    List<Candidate> usable = newestFirst.stream().filter(c -> c.state() != BackupState.FAILED).toList();
    usable.stream().limit(policy.last()).forEach(c -> keep.putIfAbsent(c.id(), "last"));
    keepNewestPerBucket(usable, policy.hourly(), "hourly", keep,
        t -> LocalDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.HOURS));
    keepNewestPerBucket(usable, policy.daily(), "daily", keep, t -> LocalDate.ofInstant(t, zone));
    keepNewestPerBucket(usable, policy.weekly(), "weekly", keep,
        t -> LocalDate.ofInstant(t, zone).with(WeekFields.ISO.dayOfWeek(), 1));

    List<String> delete = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      String id = newestFirst.get(i).id();
      if (!keep.containsKey(id)) {
        delete.add(id);
      }
    }
    return new Decision(keep, delete);
  }

  private static void keepNewestPerBucket(List<Candidate> newestFirst, int buckets, String reason,
      Map<String, String> keep, Function<Instant, Object> bucketOf) {
    Set<Object> seen = new HashSet<>();
    for (Candidate c : newestFirst) {
      if (seen.size() >= buckets) {
        return;
      }
      if (seen.add(bucketOf.apply(c.createdAt()))) {
        keep.putIfAbsent(c.id(), reason);
      }
    }
  }
}
