package dev.tars.backup;

/**
 * How many backups to keep: the {@code last} newest whatever their age (so "back up now" twice in one hour
 * keeps both), then the newest of each of the last {@code hourly} hours that have a backup, of the last
 * {@code daily} days and of the last {@code weekly} ISO weeks. Buckets are counted, not a time window, so
 * coming back after a month away never deletes everything at once.
 */
public record RetentionPolicy(int last, int hourly, int daily, int weekly) {
  public static final RetentionPolicy DEFAULT = new RetentionPolicy(3, 24, 7, 4);

  public RetentionPolicy {
    if (last < 0 || hourly < 0 || daily < 0 || weekly < 0) {
      throw new IllegalArgumentException("Retention counts cannot be negative");
    }
    if (last + hourly + daily + weekly == 0) {
      throw new IllegalArgumentException("Retention must keep at least one backup");
    }
  }
}
