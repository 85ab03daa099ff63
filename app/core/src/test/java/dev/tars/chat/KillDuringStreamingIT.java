package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.StoredSettings;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import dev.tars.storage.Database;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the app while an answer streams from real llama.cpp: after reopening, every finished
 * answer is there whole, and the one cut off is kept (as far as it was flushed) and marked interrupted.
 *
 * <p>The kill point does not depend on how fast the machine generates: the app holds the third answer's stream
 * once it has streamed {@link StreamingAppMain#HOLD_AT} characters, waits until the periodic flush has stored
 * them, says so, and is killed right there, mid-answer. (Waiting for "1.5 s of streaming" instead never came on
 * an idle machine, where the tiny model writes 1500 tokens in under a second, and the app asked forever.)
 */
class KillDuringStreamingIT {
  /** Far beyond a normal run (about 10 s); reaching it is a failure, never a pass. */
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path home;

  @Test
  void killedWhileStreamingLosesNoFinishedAnswerAndKeepsTheCutOneMarked() throws Exception {
    Path appLog = home.resolve("app-stderr.log");
    Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        StreamingAppMain.class.getName(), home.resolve("data").toString(), TestModels.tiny().toString())
        .redirectError(appLog.toFile()).start();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.named("kill-it-deadline"));
    AtomicBoolean deadlinePassed = new AtomicBoolean();
    timer.schedule(() -> {
      deadlinePassed.set(true);
      app.destroyForcibly();
    }, DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

    Map<Long, Integer> finishedLengths = new LinkedHashMap<>();
    long cutId = -1;
    int cutFlushed = -1;
    Deque<String> lastLines = new ArrayDeque<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; cutId < 0 && (line = out.readLine()) != null; ) {
        lastLines.addLast(line);
        if (lastLines.size() > 10) {
          lastLines.removeFirst();
        }
        String[] parts = line.split(" ");
        switch (parts[0]) {
          case "finished" -> finishedLengths.put(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
          case "flushed" -> {
            cutId = Long.parseLong(parts[1]);
            cutFlushed = Integer.parseInt(parts[2]);
          }
          case "failed" -> fail("The app under test gave up: " + line.substring(7) + diagnostics(lastLines, appLog));
          default -> { }
        }
      }
      app.destroyForcibly();
      app.waitFor();
    } finally {
      app.destroyForcibly();
      timer.shutdownNow();
    }
    if (cutId < 0) {
      fail((deadlinePassed.get() ? "The kill point was not reached within " + DEADLINE.toSeconds() + " s"
          : "The app exited (code " + app.exitValue() + ") before the kill point")
          + "; finished answers " + finishedLengths + diagnostics(lastLines, appLog));
    }

    try (Database db = TestDatabase.open(home.resolve("data"));
        StoredChatService reopened = new StoredChatService(new ConversationStore(db.dataSource(), Clock.systemUTC()),
            () -> {
              throw new dev.tars.engine.EngineException("not needed");
            }, new StoredSettings(db.dataSource()))) {
      List<Message> messages = reopened.messages(1);
      assertThat(finishedLengths).hasSizeGreaterThanOrEqualTo(2);
      for (Map.Entry<Long, Integer> finished : finishedLengths.entrySet()) {
        Message answer = messages.stream().filter(m -> m.id() == finished.getKey()).findFirst().orElseThrow();
        assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(answer.content()).hasSize(finished.getValue());
      }
      Message last = messages.get(messages.size() - 1);
      assertThat(last.id()).isEqualTo(cutId);
      assertThat(last.role()).isEqualTo(Role.ASSISTANT);
      assertThat(last.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(last.content()).hasSize(cutFlushed);
      assertThat(messages.stream().filter(m -> m.role() == Role.USER)).hasSize(finishedLengths.size() + 1);
      assertThat(messages.stream().filter(m -> m.role() == Role.ASSISTANT)).hasSize(finishedLengths.size() + 1);
    }
  }

  private static String diagnostics(Deque<String> lastLines, Path appLog) {
    String log;
    try {
      List<String> lines = Files.readAllLines(appLog, StandardCharsets.UTF_8);
      log = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      log = "(no log: " + e.getMessage() + ")";
    }
    return "\nlast lines of the app's output:\n" + String.join("\n", lastLines) + "\nend of its log:\n" + log;
  }

  /**
   * The app under test: asks one question after another, printing each finished answer. From the third
   * answer on, once {@link #HOLD_AT} characters have streamed it stops reading the stream (the answer stays
   * STREAMING), waits until the periodic flush has stored exactly that text, prints {@code flushed <id>
   * <length>} and waits to be killed. Prints {@code failed <reason>} and exits if it cannot get there.
   */
  public static final class StreamingAppMain {
    static final int HOLD_AT = 1000;
    private static final int MAX_QUESTIONS = 6;
    private static final Duration FLUSH_WAIT = StoredChatService.FLUSH_INTERVAL.multipliedBy(20);

    public static void main(String[] args) throws Exception {
      Path home = Path.of(args[0]);
      Database db = TestDatabase.open(home);
      LocalEngine engine = new LocalEngine(LocalEngine.Options.defaults(home.resolve("tmp")).withThreads(1));
      engine.load(Path.of(args[1]));
      if (!engine.awaitReady(Duration.ofMinutes(2))) {
        exit("the engine did not start: " + engine.status().detail());
      }
      StoredChatService service = new StoredChatService(new ConversationStore(db.dataSource(), Clock.systemUTC()),
          () -> engine, new StoredSettings(db.dataSource()));
      long conversation = service.create("kill test").id();
      for (int i = 0; i < MAX_QUESTIONS; i++) {
        boolean hold = i >= 2;
        // 1500 tokens are about 5700 characters with the tiny model: far more than HOLD_AT.
        service.updateSettings(conversation, "", new Sampling(1.0, 1.0, hold ? 1500 : 40));
        Reply reply = service.send(conversation, "Question number " + i, new ReplyListener() {
          private long draftId;
          private int streamed;

          @Override
          public void started(Message assistantDraft, ContextTrim trim) {
            draftId = assistantDraft.id();
          }

          @Override
          public void text(String delta) {
            streamed += delta.length();
            if (hold && streamed >= HOLD_AT) {
              holdUntilFlushed(service, conversation, draftId, streamed);
            }
          }

          @Override
          public void finished(Message answer) {
            System.out.println("finished " + answer.id() + " " + answer.content().length());
            System.out.flush();
          }

          @Override
          public void failed(String message) {
            exit("answer " + draftId + " failed: " + message);
          }
        });
        try {
          reply.done().get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
          exit("answer " + i + " did not end within 2 minutes");
        }
      }
      exit("no answer streamed " + HOLD_AT + " characters in " + MAX_QUESTIONS + " questions");
    }

    /** Runs on the thread that reads the answer's stream, so the answer cannot end while the app waits here. */
    private static void holdUntilFlushed(StoredChatService service, long conversation, long draftId, int streamed) {
      long giveUp = System.nanoTime() + FLUSH_WAIT.toNanos();
      while (System.nanoTime() < giveUp) {
        Message stored = service.messages(conversation).stream().filter(m -> m.id() == draftId).findFirst()
            .orElseThrow();
        if (stored.status() != MessageStatus.STREAMING) {
          exit("answer " + draftId + " is " + stored.status() + " while it streams");
        }
        if (stored.content().length() == streamed) {
          System.out.println("flushed " + draftId + " " + streamed);
          System.out.flush();
          try {
            Thread.sleep(Duration.ofMinutes(5));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exit("not killed after the kill point");
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          exit("interrupted while waiting for the flush");
        }
      }
      exit("the " + streamed + " characters streamed were not flushed within " + FLUSH_WAIT.toMillis() + " ms");
    }

    private static void exit(String reason) {
      System.out.println("failed " + reason);
      System.out.flush();
      System.exit(1);
    }
  }
}
