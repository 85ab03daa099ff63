package dev.tars.engine.local;

import dev.tars.engine.local.LocalEngine.NativeTimings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine child prints: the ready line of its protocol on stdout (among llama.cpp's own output), and its
 * log on stderr, forwarded into this process's log at the child's level, with llama.cpp's timing lines kept as
 * {@link NativeTimings}. One per {@link LocalEngine}, across restarts of the child.
 */
final class ChildOutput {
  private static final Logger LOG = LoggerFactory.getLogger(ChildOutput.class);
  private static final Logger CHILD_LOG = LoggerFactory.getLogger("dev.tars.engine.child");
  // "WARN  [thread] logger - text" or, with the test logging set-up, "03:19:13.975 [main] WARN  logger - text".
  private static final Pattern CHILD_LEVEL =
      Pattern.compile("^(?:[\\d:.T-]+(?:\\s+[\\d:.]+)?\\s+(?:\\[[^]]*]\\s+)?)?(ERROR|WARN|INFO)\\b");
  private static final Pattern PROMPT_TIMING = Pattern.compile("prompt eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");
  private static final Pattern EVAL_TIMING = Pattern.compile("^\\s*eval time =\\s*([\\d.]+) ms /\\s*(\\d+) tokens");

  private volatile NativeTimings lastTimings;

  Optional<NativeTimings> lastTimings() {
    return Optional.ofNullable(lastTimings);
  }

  /** Completes {@code readyLine} with the ready or failed line (null when stdout closes first). */
  static void readStdout(Process p, CompletableFuture<String> readyLine) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        // llama.cpp's own log shares stdout through C's buffer, so the protocol line may land mid-line.
        int ready = line.indexOf(LocalEngine.READY_PREFIX);
        int failed = line.indexOf(LocalEngine.FAILED_PREFIX);
        if (ready >= 0 || failed >= 0) {
          readyLine.complete(line.substring(ready >= 0 ? ready : failed));
        } else {
          CHILD_LOG.debug("{}", line);
        }
      }
    } catch (IOException e) {
      LOG.debug("Engine stdout closed", e);
    }
    readyLine.complete(null);
  }

  /** Forwards the child's stderr (its log and llama.cpp's) into this process's log; notes llama.cpp's timings. */
  void forwardLog(Process p, Deque<String> recentErrors) {
    Matcher prompt = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        Matcher m = PROMPT_TIMING.matcher(line);
        if (m.find()) {
          prompt = m;
        } else if (prompt != null && (m = EVAL_TIMING.matcher(line)).find()) {
          NativeTimings previous = lastTimings;
          lastTimings = new NativeTimings(previous == null ? 1 : previous.sequence() + 1,
              Integer.parseInt(prompt.group(2)), Double.parseDouble(prompt.group(1)), Integer.parseInt(m.group(2)),
              Double.parseDouble(m.group(1)));
          prompt = null;
        }
        String level = levelOf(line);
        if (level.equals("ERROR") || level.equals("WARN")) {
          CHILD_LOG.warn("{}", line);
          synchronized (recentErrors) {
            recentErrors.addLast(line);
            if (recentErrors.size() > 5) {
              recentErrors.removeFirst();
            }
          }
        } else if (level.equals("INFO")) {
          CHILD_LOG.info("{}", line);
        } else {
          CHILD_LOG.debug("{}", line);
        }
      }
    } catch (IOException e) {
      LOG.debug("Engine stderr closed", e);
    }
  }

  /** The log level of a child's line: first word, or the word after a timestamp; empty for native output. */
  static String levelOf(String line) {
    Matcher m = CHILD_LEVEL.matcher(line);
    return m.find() ? m.group(1) : "";
  }

  static String lastError(Deque<String> recentErrors) {
    synchronized (recentErrors) {
      return recentErrors.isEmpty() ? "" : " (" + recentErrors.getLast().replaceFirst(".*? - ", "") + ")";
    }
  }
}
