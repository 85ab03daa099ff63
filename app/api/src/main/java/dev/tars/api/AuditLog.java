package dev.tars.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.files.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per API request in {@code logs/api-audit.jsonl}: when, from where, what, the outcome and the
 * token counts, never the text of prompts or answers (that goes to the history only when the user asks for it).
 *
 * <p>Bounded whatever a client does: the file is rotated by size ({@code api-audit.1.jsonl} ... up to
 * {@link Limits#keptFiles} files in all, the oldest deleted), paths are cut to {@value #MAX_PATH} characters, a
 * request refused before it was authorised (401, 403, 421) costs one short line, and further refusals of the same
 * kind from the same client within {@link Limits#summaryWindow} are counted into one summary line instead of
 * written one by one. Each line is flushed before the next request is recorded. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_PATH = 200;
  /** Clients with a refusal streak remembered at once; beyond it the oldest streak is summarised early. */
  private static final int MAX_STREAKS = 256;

  /** What one request did. Numbers are -1 when unknown or not applicable. */
  public record Entry(Instant time, String requestId, String remote, String method, String path, int status,
      String model, boolean stream, int promptTokens, int completionTokens, String outcome, long durationMillis) {}

  /**
   * How much the audit log may keep.
   *
   * @param maxFileBytes a file is rotated before it would grow past this
   * @param keptFiles the current file and its rotated predecessors; the total is at most
   *     {@code maxFileBytes * keptFiles}
   * @param summaryWindow repeated refusals from one client within this time become one summary line
   */
  public record Limits(long maxFileBytes, int keptFiles, Duration summaryWindow) {
    /** 10 MiB files, 5 of them (50 MiB in all), refusals summarised per minute. */
    public static final Limits DEFAULTS = new Limits(10L << 20, 5, Duration.ofMinutes(1));

    public Limits {
      Objects.requireNonNull(summaryWindow, "summaryWindow");
      if (maxFileBytes < 1024 || keptFiles < 1) {
        throw new IllegalArgumentException("maxFileBytes >= 1024 and keptFiles >= 1");
      }
    }

    public long totalBytes() {
      return maxFileBytes * keptFiles;
    }
  }

  /** Refusals of one kind from one client since {@link #first}; {@link #suppressed} were not written. */
  private static final class Streak {
    final String remote;
    final int status;
    final String outcome;
    final Instant first;
    Instant last;
    int suppressed;

    Streak(String remote, int status, String outcome, Instant first) {
      this.remote = remote;
      this.status = status;
      this.outcome = outcome;
      this.first = first;
      this.last = first;
    }
  }

  private final Path file;
  private final Limits limits;
  private final Map<String, Streak> streaks = new LinkedHashMap<>();
  private OutputStream out;
  private long size;
  private boolean failed;

  /** An audit log with {@link Limits#DEFAULTS}. */
  public AuditLog(Path file) throws IOException {
    this(file, Limits.DEFAULTS);
  }

  public AuditLog(Path file, Limits limits) throws IOException {
    this.file = file;
    this.limits = Objects.requireNonNull(limits, "limits");
    PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
    open();
  }

  public static Path defaultFile(Path logsDir) {
    return logsDir.resolve("api-audit.jsonl");
  }

  public Path file() {
    return file;
  }

  /** The {@code n}-th rotated file ({@code api-audit.1.jsonl} is the newest of them). */
  public Path rotated(int n) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String rotated = dot > 0 ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n;
    return file.resolveSibling(rotated);
  }

  /** Whether a request with this status was refused before anyone was known to be talking to Tars. */
  static boolean isRefusal(int status) {
    return status == 401 || status == 403 || status == 421;
  }

  public synchronized void record(Entry e) {
    summariseExpired(e.time(), false);
    if (isRefusal(e.status())) {
      refused(e);
      return;
    }
    write(JSON.createObjectNode()
        .put("time", e.time().toString())
        .put("id", e.requestId())
        .put("remote", e.remote())
        .put("method", e.method())
        .put("path", cut(e.path()))
        .put("status", e.status())
        .put("model", e.model())
        .put("stream", e.stream())
        .put("prompt_tokens", e.promptTokens())
        .put("completion_tokens", e.completionTokens())
        .put("outcome", e.outcome())
        .put("duration_ms", e.durationMillis()));
  }

  private void refused(Entry e) {
    String key = e.remote() + " " + e.status();
    Streak streak = streaks.get(key);
    if (streak != null) {
      streak.suppressed++;
      streak.last = e.time();
      return;
    }
    if (streaks.size() >= MAX_STREAKS) {
      Iterator<Streak> oldest = streaks.values().iterator();
      summarise(oldest.next());
      oldest.remove();
    }
    streaks.put(key, new Streak(e.remote(), e.status(), e.outcome(), e.time()));
    write(JSON.createObjectNode()
        .put("time", e.time().toString())
        .put("remote", e.remote())
        .put("method", cut(e.method()))
        .put("path", cut(e.path()))
        .put("status", e.status())
        .put("outcome", e.outcome()));
  }

  /** Writes the summary of every streak older than the window (all of them when {@code all}). */
  private void summariseExpired(Instant now, boolean all) {
    for (Iterator<Streak> it = streaks.values().iterator(); it.hasNext(); ) {
      Streak streak = it.next();
      if (all || Duration.between(streak.first, now).compareTo(limits.summaryWindow()) >= 0) {
        summarise(streak);
        it.remove();
      }
    }
  }

  private void summarise(Streak streak) {
    if (streak.suppressed == 0) {
      return;
    }
    write(JSON.createObjectNode()
        .put("time", streak.last.toString())
        .put("remote", streak.remote)
        .put("status", streak.status)
        .put("outcome", streak.outcome)
        .put("repeated", streak.suppressed)
        .put("since", streak.first.toString()));
  }

  static String cut(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_PATH ? text : text.substring(0, MAX_PATH) + "…";
  }

  private void write(ObjectNode line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (out == null) {
        open();
      }
      if (size > 0 && size + bytes.length > limits.maxFileBytes()) {
        rotate();
      }
      out.write(bytes);
      out.flush();
      size += bytes.length;
      failed = false;
    } catch (IOException ex) {
      // Serving must not stop because the log disk is full; say so once per failure streak.
      if (!failed) {
        LOG.error("Cannot write the API audit log {}", file, ex);
      }
      failed = true;
      closeQuietly();
    }
  }

  /** Opens (creating it owner-only: it shows who used the API and when) the current file for appending. */
  private void open() throws IOException {
    PrivateFiles.createFile(file);
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
    size = Files.size(file);
  }

  /** current -> .1 -> .2 ...; the file that would be number {@code keptFiles} is deleted. */
  private void rotate() throws IOException {
    closeQuietly();
    int keep = limits.keptFiles() - 1;
    if (keep == 0) {
      Files.deleteIfExists(file);
    } else {
      Files.deleteIfExists(rotated(keep));
      for (int n = keep - 1; n >= 1; n--) {
        if (Files.exists(rotated(n))) {
          Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.debug("Closing the API audit log {} failed", file, e);
      }
      out = null;
    }
  }

  /** Writes the summaries still pending, then closes the file. */
  @Override
  public synchronized void close() {
    summariseExpired(Instant.now(), true);
    closeQuietly();
  }
}
