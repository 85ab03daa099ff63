package dev.tars.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.MessageStatus;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of the app while it writes: every commit it acknowledged is there after reopening. */
class KillDuringWritesIT {
  @TempDir Path home;

  @Test
  void noAcknowledgedMessageIsLostWhenTheProcessIsKilled() throws Exception {
    Path file = home.resolve("db/tars");
    Process writer = new ProcessBuilder(DatabaseTest.javaBin(), "-cp", System.getProperty("java.class.path"),
        WriterMain.class.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Long> acknowledged = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && acknowledged.size() < 400) {
        if (line.startsWith("committed ")) {
          acknowledged.add(Long.parseLong(line.substring("committed ".length())));
        }
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no H2 close
      writer.waitFor();
    }

    try (Database db = Database.open(file)) {
      ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
      List<Long> stored = store.messages(1).stream().map(m -> m.id()).toList();
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);
      assertThat(stored).containsAll(acknowledged);
    }
  }

  /** Writes messages as fast as it can, printing each id once its commit returned. */
  public static final class WriterMain {
    public static void main(String[] args) throws Exception {
      Database db = Database.open(Path.of(args[0]));
      ConversationStore store = new ConversationStore(db.dataSource(), Clock.systemUTC());
      long conversation = store.create("kill test", "", Sampling.DEFAULTS).id();
      for (int i = 0; ; i++) {
        long id = store.addMessage(conversation, Role.USER, "message " + i, MessageStatus.COMPLETE).id();
        System.out.println("committed " + id);
        System.out.flush();
      }
    }
  }
}
