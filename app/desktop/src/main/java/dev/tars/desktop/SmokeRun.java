package dev.tars.desktop;

import dev.tars.chat.ChatService;
import dev.tars.chat.Conversation;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.ReplyListener;
import dev.tars.concurrent.NamedThreads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Tars --smoke --model FILE.gguf}: the installed app proves it works. With its window open, it asks the
 * model one question through the same chat service the window uses, prints one line and exits: 0 when an
 * answer was stored, 1 otherwise. Used by the installer test in CI. {@code Tars --smoke} without a model only
 * checks that the window opens; the installer build uses that as the training run of the start-up cache.
 */
final class SmokeRun {
  private static final Logger LOG = LoggerFactory.getLogger(SmokeRun.class);
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final ChatService chats;
  private final PrintStream out;
  private final long startedNanos;
  private final boolean windowOnly;

  SmokeRun(ChatService chats, PrintStream out, long startedNanos) {
    this(chats, out, startedNanos, TarsLauncher.launchOptions().model() == null);
  }

  SmokeRun(ChatService chats, PrintStream out, long startedNanos, boolean windowOnly) {
    this.chats = chats;
    this.out = out;
    this.startedNanos = startedNanos;
    this.windowOnly = windowOnly;
  }

  /** Runs in the background once the window is shown; ends the process. */
  void start() {
    NamedThreads.named("smoke").newThread(this::run).start();
  }

  private void run() {
    long windowMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    int code;
    if (windowOnly) {
      out.printf("SMOKE OK: window after %d ms, no model given%n", windowMillis);
      code = 0;
    } else {
      code = askModel(windowMillis);
    }
    out.flush();
    SmokeRun.exitCode = code;
    Platform.exit(); // thread-safe: no need to hop to the JavaFX thread
    // The answer is stored; give the orderly shutdown a moment, then make sure the process ends.
    NamedThreads.named("smoke-exit").newThread(() -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(code);
    }).start();
  }

  private int askModel(long windowMillis) {
    try {
      Conversation conversation = chats.create("Smoke test");
      Message answer = chats.send(conversation.id(), "Say hello.", new ReplyListener() {})
          .done().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      boolean ok = answer.status() == MessageStatus.COMPLETE && !answer.content().isBlank();
      out.printf("SMOKE %s: window after %d ms, answer %s with %d characters%n", ok ? "OK" : "FAILED",
          windowMillis, answer.status(), answer.content().length());
      return ok ? 0 : 1;
    } catch (Exception e) {
      LOG.error("Smoke run failed", e);
      out.println("SMOKE FAILED: " + e.getMessage());
      return 1;
    }
  }

  /** What the launcher exits with after the JavaFX application ended. */
  static volatile int exitCode = 0;
}
