package dev.tars.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per API request in {@code logs/api-audit.jsonl}: when, from where, what, the outcome and the
 * token counts, never the text of prompts or answers (that goes to the history only when the user asks for it).
 * Each line is flushed before the next request is recorded. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one request did. Numbers are -1 when unknown or not applicable. */
  public record Entry(Instant time, String requestId, String remote, String method, String path, int status,
      String model, boolean stream, int promptTokens, int completionTokens, String outcome, long durationMillis) {}

  private final Path file;
  private final BufferedWriter out;
  private boolean failed;

  public AuditLog(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  public static Path defaultFile(Path logsDir) {
    return logsDir.resolve("api-audit.jsonl");
  }

  public Path file() {
    return file;
  }

  public synchronized void record(Entry e) {
    ObjectNode line = JSON.createObjectNode()
        .put("time", e.time().toString())
        .put("id", e.requestId())
        .put("remote", e.remote())
        .put("method", e.method())
        .put("path", e.path())
        .put("status", e.status())
        .put("model", e.model())
        .put("stream", e.stream())
        .put("prompt_tokens", e.promptTokens())
        .put("completion_tokens", e.completionTokens())
        .put("outcome", e.outcome())
        .put("duration_ms", e.durationMillis());
    try {
      out.write(line.toString());
      out.newLine();
      out.flush();
      failed = false;
    } catch (IOException ex) {
      // Serving must not stop because the log disk is full; say so once per failure streak.
      if (!failed) {
        LOG.error("Cannot write the API audit log {}", file, ex);
      }
      failed = true;
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      LOG.warn("Closing the API audit log {} failed", file, e);
    }
  }
}
