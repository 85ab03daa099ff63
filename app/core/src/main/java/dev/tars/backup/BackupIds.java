package dev.tars.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive ids are the UTC creation time to the second ({@code 20261122T143000Z}), with {@code -2}, {@code -3}
 * added when two backups fall in the same second. They sort by time as text.
 */
public final class BackupIds {
  public static final String PREFIX = "tars-backup-";
  public static final String ARCHIVE_SUFFIX = ".zip";
  public static final String STATUS_SUFFIX = ".status.json";
  /** Suffix of an archive still being written; never listed, removed on the next start. */
  public static final String PARTIAL_SUFFIX = ".partial";

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern ID = Pattern.compile("(\\d{8}T\\d{6}Z)(-\\d+)?");
  private static final Pattern ARCHIVE =
      Pattern.compile(Pattern.quote(PREFIX) + "(" + ID.pattern() + ")" + Pattern.quote(ARCHIVE_SUFFIX));

  private BackupIds() {}

  public static String of(Instant time, int sequence) {
    String base = FORMAT.format(time.truncatedTo(ChronoUnit.SECONDS));
    return sequence <= 1 ? base : base + "-" + sequence;
  }

  public static String archiveName(String id) {
    return PREFIX + id + ARCHIVE_SUFFIX;
  }

  public static String statusName(String id) {
    return PREFIX + id + STATUS_SUFFIX;
  }

  /** The id of a finished archive's file name; empty for anything else (partial files included). */
  public static Optional<String> idOfArchive(String fileName) {
    Matcher m = ARCHIVE.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public static boolean isValid(String id) {
    return ID.matcher(id).matches();
  }

  public static Instant timeOf(String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a backup id: " + id);
    }
    try {
      return FORMAT.parse(m.group(1), Instant::from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not a backup id: " + id, e);
    }
  }
}
