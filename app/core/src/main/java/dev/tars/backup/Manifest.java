package dev.tars.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code manifest.json}, the last entry of every archive (see docs/backup-format.md). Times are ISO-8601 UTC
 * strings so the file reads the same in any tool.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    int formatVersion,
    String id,
    String createdAt,
    String appVersion,
    String trigger,
    List<Source> sources,
    List<Entry> entries) {

  /** The archive format this program writes, and the newest it can read. */
  public static final int FORMAT_VERSION = 1;

  public Manifest {
    sources = List.copyOf(sources);
    entries = List.copyOf(entries);
  }

  /** One source folder in the archive and where it goes back on restore. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Source(String name, String kind, String restorePath) {}

  /** One file in the archive: its uncompressed size and SHA-256 (lower-case hex). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(String path, long size, String sha256) {}
}
