package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.StoredSettings;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import dev.tars.storage.Database;
import dev.tars.testkit.TestModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the app while an answer streams from real llama.cpp: after reopening, every finished
 * answer is there whole, and the one cut off is kept (as far as it was flushed) and marked interrupted.
 */
class KillDuringStreamingIT {
  @TempDir Path home;

  @Test
  void killedWhileStreamingLosesNoFinishedAnswerAndKeepsTheCutOneMarked() throws Exception {
    Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        StreamingAppMain.class.getName(), home.toString(), TestModels.tiny().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // Never let a stuck run hang the build: kill the app after a deadline whatever it printed.
    Thread deadline = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(Duration.ofSeconds(90));
        app.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Map<Long, Integer> finishedLengths = new HashMap<>();
    int streamedOfCurrent = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts[0].equals("finished")) {
          finishedLengths.put(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
          streamedOfCurrent = 0;
        } else if (parts[0].equals("text")) {
          streamedOfCurrent = Integer.parseInt(parts[1]);
        }
        // Kill once two answers are done and the third has streamed long enough to have been flushed.
        if (finishedLengths.size() >= 2 && streamedOfCurrent > 0 && parts[0].equals("flushable")) {
          break;
        }
      }
      app.destroyForcibly();
      app.waitFor();
      deadline.interrupt();
    }

    try (Database db = Database.open(home.resolve("db/tars"));
        StoredChatService reopened = new StoredChatService(new ConversationStore(db.dataSource(), Clock.systemUTC()),
            () -> {
              throw new dev.tars.engine.EngineException("not needed");
            }, new StoredSettings(db.dataSource()))) {
      List<Message> messages = reopened.messages(1);
      for (Map.Entry<Long, Integer> finished : finishedLengths.entrySet()) {
        Message answer = messages.stream().filter(m -> m.id() == finished.getKey()).findFirst().orElseThrow();
        assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(answer.content()).hasSize(finished.getValue());
      }
      int streamed = streamedOfCurrent;
      List<Message> cut = messages.stream()
          .filter(m -> m.role() == Role.ASSISTANT && !finishedLengths.containsKey(m.id())).toList();
      assertThat(cut).hasSizeLessThanOrEqualTo(1).allSatisfy(answer -> {
        assertThat(answer.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer.content().length()).isLessThanOrEqualTo(streamed);
      });
      assertThat(messages.stream().filter(m -> m.role() == Role.USER).count())
          .isBetween((long) finishedLengths.size(), (long) finishedLengths.size() + 1);
    }
  }

  /**
   * The app under test: asks one question after another, printing what it streamed and, once more than two
   * flush intervals have passed since the answer's first text, that the answer must have been flushed.
   */
  public static final class StreamingAppMain {
    public static void main(String[] args) throws Exception {
      Path home = Path.of(args[0]);
      Database db = Database.open(home.resolve("db/tars"));
      LocalEngine engine = new LocalEngine(LocalEngine.Options.defaults(home.resolve("tmp")).withThreads(1));
      engine.load(Path.of(args[1]));
      engine.awaitReady(Duration.ofMinutes(2));
      StoredChatService service = new StoredChatService(new ConversationStore(db.dataSource(), Clock.systemUTC()),
          () -> engine, new StoredSettings(db.dataSource()));
      long conversation = service.create("kill test").id();
      for (int i = 0; ; i++) {
        AtomicInteger length = new AtomicInteger();
        long[] firstText = {0};
        int max = i < 2 ? 40 : 1500;
        service.updateSettings(conversation, "", new Sampling(1.0, 1.0, max));
        service.send(conversation, "Question number " + i, new ReplyListener() {
          @Override
          public void text(String delta) {
            int total = length.addAndGet(delta.length());
            long now = System.nanoTime();
            if (firstText[0] == 0) {
              firstText[0] = now;
            }
            System.out.println("text " + total);
            if (now - firstText[0] > StoredChatService.FLUSH_INTERVAL.multipliedBy(3).toNanos()) {
              System.out.println("flushable");
            }
            System.out.flush();
          }

          @Override
          public void finished(Message answer) {
            System.out.println("finished " + answer.id() + " " + answer.content().length());
            System.out.flush();
          }
        }).done().join();
      }
    }
  }
}
