package dev.tars.bench;

import dev.tars.chat.ConversationStore;
import dev.tars.chat.StoredChatService;
import dev.tars.concurrent.NamedThreads;
import dev.tars.config.StoredSettings;
import dev.tars.desktop.chat.ChatView;
import dev.tars.desktop.chat.ChatViewModel;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.storage.Database;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

/**
 * What the chat's animations cost the CPU that llama.cpp needs, in the real window on a real X server (run it
 * under {@code xvfb-run}) with software rendering ({@code prism.order=sw}, as on machines without GPU drivers),
 * where every frame JavaFX draws is uploaded whole to the X server. Measured: CPU per second of the JavaFX
 * Application Thread plus the Quantum renderer, of the whole process, and of the X server.
 *
 * <p>Two comparisons, interleaved round by round (order alternating), each side {@code bench.seconds} long:
 * <ul>
 *   <li><b>streaming</b>: an answer streaming into the chat (the real chat view, view model, stored chat service
 *       on H2; the test kit's {@link ScriptedEngine} gives a word every {@code bench.millisPerToken}, 25 ms ~ the
 *       SmolLM shape's speed here) with the indeterminate spinner the answer's header had until session 7, against
 *       the chat as it is now (dots until the first words, then the text alone);
 *   <li><b>waiting</b> (a model loading, the first token not there yet): the idle chat with a 14 px spinner in a
 *       status line, against {@link BusyDots} there, against nothing.
 * </ul>
 */
public final class ChatAnimationBenchmark {
  private static final String ANSWER = """
      Here is how **streaming** works in Tars: the engine child sends each token over loopback, the chat \
      service keeps the draft, and the window shows it as `Markdown`.

      1. The prompt is counted and trimmed to the context.
      2. Tokens arrive and are coalesced before they are drawn.
      3. The answer is stored when it ends.

      """;

  private final Scene scene;
  private final ChatViewModel chat;
  private final Pane status;
  private final long pid = ProcessHandle.current().pid();
  private final long xServer;
  private final java.util.concurrent.atomic.AtomicLong pulses = new java.util.concurrent.atomic.AtomicLong();

  private ChatAnimationBenchmark(Scene scene, ChatViewModel chat, Pane status) {
    this.scene = scene;
    this.chat = chat;
    this.status = status;
    this.xServer = xServerPid();
    scene.addPostLayoutPulseListener(pulses::incrementAndGet);
  }

  /**
   * Per second of one side: CPU of JavaFX's two threads, of the whole process and of the X server, and the time
   * JavaFX's threads waited for a CPU (high on a busy machine: then they drew fewer frames than asked), and the
   * window's pulses (a pulse comes only when something changed or an animation runs; each draws a frame).
   */
  private record Cpu(double fx, double process, double x, double fxWait, double pulses) {}

  public static void main(String[] args) throws Exception {
    if (System.getenv("DISPLAY") == null) {
      System.err.println("Run under an X server: xvfb-run -a ./tars bench-one dev.tars.bench.ChatAnimationBenchmark");
      System.exit(2);
    }
    if (System.getProperty("prism.order") == null) {
      System.setProperty("prism.order", "sw");
    }
    int rounds = Integer.getInteger("bench.rounds", 5);
    long seconds = Long.getLong("bench.seconds", 5);
    long millisPerToken = Long.getLong("bench.millisPerToken", 25);
    Path dir = Files.createTempDirectory("tars-chat-anim");
    ExecutorService work = Executors.newFixedThreadPool(2, NamedThreads.named("bench-chat"));
    List<String> words = words((seconds + 3) * 1000 / millisPerToken);
    try (Database db = Database.open(dir.resolve("db/tars"));
        ScriptedEngine engine = new ScriptedEngine(words, millisPerToken, 1 << 20);
        FxUiDispatcher ui = new FxUiDispatcher()) {
      StoredChatService chats = new StoredChatService(new ConversationStore(db.dataSource(), Clock.systemUTC()),
          () -> engine, new StoredSettings(db.dataSource()));
      CompletableFuture<Void> started = new CompletableFuture<>();
      Platform.startup(() -> started.complete(null));
      started.get(1, TimeUnit.MINUTES);
      ChatAnimationBenchmark bench = onFx(() -> show(chats, new Background(work, ui)));
      System.out.printf(Locale.ROOT, "Chat animations: %s, prism.order=%s, window 1240x800, a word every %d ms,"
          + " %d s per side, %d rounds; X server pid %d%n", System.getenv("DISPLAY"),
          System.getProperty("prism.order"), millisPerToken, seconds, rounds, bench.xServer);
      bench.streaming(false, seconds); // warm-up: classes, JIT, first layout
      bench.streaming(true, seconds);
      bench.run(rounds, seconds);
      chats.close();
    } finally {
      work.shutdownNow();
      Platform.exit();
    }
    System.exit(0);
  }

  private static ChatAnimationBenchmark show(StoredChatService chats, Background background) {
    javafx.application.Application.setUserAgentStylesheet(
        new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    I18n i18n = I18n.forLanguage("en");
    ChatViewModel chat = new ChatViewModel(chats, background, i18n, new Notices(), id -> {});
    HBox status = new HBox();
    status.setMinHeight(20);
    BorderPane root = new BorderPane(new ChatView(chat, i18n).root());
    root.setBottom(status);
    Scene scene = new Scene(root, 1240, 800);
    scene.getStylesheets().add(Objects.requireNonNull(ChatView.class.getResource("/dev/tars/desktop/tars.css"))
        .toExternalForm());
    Stage stage = new Stage();
    stage.setScene(scene);
    stage.show();
    return new ChatAnimationBenchmark(scene, chat, status);
  }

  private void run(int rounds, long seconds) throws Exception {
    RoundRatios streamingRatio = new RoundRatios("streaming, JavaFX threads' CPU, spinner (before) / now");
    RoundRatios waitingRatio = new RoundRatios("waiting, JavaFX threads' CPU, spinner / dots");
    List<Cpu> spinnerStreaming = new ArrayList<>();
    List<Cpu> nowStreaming = new ArrayList<>();
    List<Cpu> spinnerWaiting = new ArrayList<>();
    List<Cpu> dotsWaiting = new ArrayList<>();
    List<Cpu> nothingWaiting = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      boolean spinnerFirst = RoundRatios.firstSideFirst(r);
      Cpu a = streaming(spinnerFirst, seconds);
      Cpu b = streaming(!spinnerFirst, seconds);
      Cpu spinner = spinnerFirst ? a : b;
      Cpu now = spinnerFirst ? b : a;
      spinnerStreaming.add(spinner);
      nowStreaming.add(now);
      streamingRatio.add(spinner.fx() / now.fx());
      List<Map.Entry<String, Supplier<Node>>> waits = new ArrayList<>(List.of(
          Map.entry("spinner", ChatAnimationBenchmark::spinner), Map.entry("dots", BusyDots::new),
          Map.entry("nothing", () -> null)));
      if (!spinnerFirst) {
        java.util.Collections.reverse(waits);
      }
      Map<String, Cpu> got = new java.util.HashMap<>();
      for (Map.Entry<String, Supplier<Node>> side : waits) {
        got.put(side.getKey(), waiting(side.getValue(), seconds));
      }
      Cpu s = got.get("spinner");
      Cpu d = got.get("dots");
      Cpu n = got.get("nothing");
      spinnerWaiting.add(s);
      dotsWaiting.add(d);
      nothingWaiting.add(n);
      waitingRatio.add(s.fx() / Math.max(d.fx(), 1e-4));
      System.out.printf(Locale.ROOT, "round %d: streaming spinner %s | now %s; waiting spinner %s | dots %s |"
          + " nothing %s%n", r + 1, text(spinner), text(now), text(s), text(d), text(n));
    }
    System.out.println();
    System.out.println("CPU per second (cores busy), min / median / max over the rounds:");
    print("streaming, spinner in the answer (before)", spinnerStreaming);
    print("streaming, as now (dots until text)     ", nowStreaming);
    print("waiting, 14 px spinner                  ", spinnerWaiting);
    print("waiting, busy dots                      ", dotsWaiting);
    print("waiting, nothing moving                 ", nothingWaiting);
    System.out.println(streamingRatio.summary());
    System.out.println(waitingRatio.summary());
  }

  /** Sends a message and measures while its answer streams, with or without the spinner beside it. */
  private Cpu streaming(boolean withSpinner, long seconds) throws Exception {
    onFx(() -> {
      chat.open(null);
      chat.inputProperty().set("How does streaming work?");
      return chat.send();
    });
    waitFor(() -> onFx(() -> {
      var items = chat.messagesProperty();
      return items.size() == 2 && !items.getLast().content().isEmpty();
    }));
    ProgressIndicator spinner = withSpinner ? onFx(() -> {
      // As the answer's header was until session 7: an indeterminate indicator for as long as it streams.
      List<Node> typing = new ArrayList<>(scene.getRoot().lookupAll(".typing"));
      ProgressIndicator p = spinner();
      ((Pane) typing.getLast().getParent()).getChildren().add(p);
      return p;
    }) : null;
    Cpu cpu = measure(seconds);
    onFx(() -> {
      if (spinner != null) {
        ((Pane) spinner.getParent()).getChildren().remove(spinner);
      }
      chat.stop();
      return null;
    });
    waitFor(() -> onFx(() -> chat.state() != ChatViewModel.State.GENERATING));
    return cpu;
  }

  /** Measures the idle chat with {@code indicator} (or nothing) in the status line. */
  private Cpu waiting(Supplier<Node> indicator, long seconds) throws Exception {
    onFx(() -> {
      Node node = indicator.get();
      status.getChildren().setAll(node == null ? List.of() : List.of(node));
      return null;
    });
    Cpu cpu = measure(seconds);
    onFx(() -> {
      status.getChildren().clear();
      return null;
    });
    return cpu;
  }

  private static ProgressIndicator spinner() {
    ProgressIndicator p = new ProgressIndicator();
    p.setPrefSize(14, 14);
    p.setMaxSize(14, 14);
    return p;
  }

  private Cpu measure(long seconds) throws Exception {
    Thread.sleep(500);
    ThreadTimes.Snapshot before = ThreadTimes.take(pid, -1);
    ThreadTimes.Snapshot xBefore = ThreadTimes.take(xServer, -1);
    long t0 = System.nanoTime();
    long pulses0 = pulses.get();
    Thread.sleep(seconds * 1000);
    long pulseCount = pulses.get() - pulses0;
    ThreadTimes.Snapshot after = ThreadTimes.take(pid, -1);
    ThreadTimes.Snapshot xAfter = ThreadTimes.take(xServer, -1);
    double wall = System.nanoTime() - t0;
    Map<String, Long> byName = after.byName(before);
    long all = byName.values().stream().mapToLong(Long::longValue).sum();
    long x = xAfter.byName(xBefore).values().stream().mapToLong(Long::longValue).sum();
    return new Cpu(javaFx(byName) / wall, all / wall, x / wall, javaFx(after.waitedByName(before)) / wall,
        pulseCount / (wall / 1e9));
  }

  /** The JavaFX Application Thread and the Quantum renderer (Linux cuts thread names to 15 characters). */
  private static long javaFx(Map<String, Long> byName) {
    return byName.entrySet().stream().filter(e -> e.getKey().startsWith("JavaFX Applica")
        || e.getKey().startsWith("QuantumRenderer")).mapToLong(Map.Entry::getValue).sum();
  }

  /** The Xvfb (or other X server) process serving this display, or -1. */
  private static long xServerPid() {
    String display = System.getenv("DISPLAY");
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
        try {
          List<String> argv = Arrays.asList(new String(Files.readAllBytes(p.resolve("cmdline")),
              StandardCharsets.UTF_8).split("\u0000"));
          return !argv.isEmpty() && argv.getFirst().matches(".*X(vfb|org|wayland)?$") && argv.contains(display);
        } catch (Exception e) {
          return false;
        }
      }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1);
    } catch (Exception e) {
      return -1;
    }
  }

  private static List<String> words(long count) {
    List<String> out = new ArrayList<>();
    String[] pieces = ANSWER.split("(?<= )");
    while (out.size() < count) {
      out.addAll(Arrays.asList(pieces));
    }
    return out;
  }

  private static String text(Cpu c) {
    return String.format(Locale.ROOT, "fx %.3f (waited %.2f, %.0f pulses/s) proc %.3f X %.3f", c.fx(), c.fxWait(),
        c.pulses(), c.process(), c.x());
  }

  private static void print(String label, List<Cpu> values) {
    System.out.printf(Locale.ROOT, "  %s  JavaFX threads %s (waited %s; pulses/s %s)   process %s   X server %s%n",
        label, spread(values.stream().mapToDouble(Cpu::fx).toArray()), spread(values.stream()
            .mapToDouble(Cpu::fxWait).toArray()), spread(values.stream().mapToDouble(Cpu::pulses).toArray()),
        spread(values.stream().mapToDouble(Cpu::process).toArray()), spread(values.stream().mapToDouble(Cpu::x)
            .toArray()));
  }

  private static String spread(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", s[0], median, s[s.length - 1]);
  }

  private static void waitFor(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(20);
    }
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(2, TimeUnit.MINUTES);
  }
}
