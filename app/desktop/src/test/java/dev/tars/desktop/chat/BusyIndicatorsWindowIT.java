package dev.tars.desktop.chat;

import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.chat.MessageStatus;
import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.DesktopServices;
import dev.tars.desktop.DesktopShell;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.BusyDots;
import dev.tars.desktop.fx.FxWait;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.runtime.EngineHost;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The signs that Tars is working, in the whole window (decision 1460): the engine status shows stepping dots while
 * the model loads and its coloured dot once ready; an answer shows dots until its first words, then the growing
 * text alone; no indeterminate spinner turns at any moment, since each of its frames costs a whole-window upload
 * under software rendering.
 */
@ExtendWith(ApplicationExtension.class)
class BusyIndicatorsWindowIT {
  @TempDir Path home;
  private final CountDownLatch modelLoaded = new CountDownLatch(1);
  private final CountDownLatch firstWords = new CountDownLatch(1);
  private TestServices services;
  private EngineHost engines;
  private DesktopShell shell;
  private Stage stage;

  @BeforeAll
  static void patientSetUp() {
    FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    ScriptedEngine engine = new ScriptedEngine("Here are the **first words** of the answer.", 20)
        .onGenerate(request -> await(firstWords));
    engines = new EngineHost((settings, sink) -> {
      await(modelLoaded);
      return engine;
    }, Executors.newSingleThreadExecutor(NamedThreads.named("busy-test-engine-host")));
    services = new TestServices(home, engines::engine);
    services.settings.save(services.settings.get().withModelPath("/models/scripted.gguf").withLanguage("en"));
    services.settings.addListener(engines::apply);
    engines.apply(services.settings.get());
    shell = new DesktopShell(DesktopServices.chatOnly(services.chats, services.settings, engines),
        I18n.forLanguage("en"));
    shell.show(stage);
  }

  @AfterEach
  void tearDown() {
    modelLoaded.countDown();
    firstWords.countDown();
    shell.stopAnswers();
    shell.close();
    engines.close();
    services.close();
  }

  @Test
  void dotsStepWhileTheModelLoadsAndWhileTheAnswerHasNoWordsThenGoAway(FxRobot robot) throws Exception {
    BusyDots loading = robot.lookup(".engine-progress").queryAs(BusyDots.class);
    waitUntil(() -> loading.isVisible() && loading.isStepping());
    assertThat(litDotsSeen(loading)).as("dots lit in turn while the model loads").hasSizeGreaterThan(1);
    assertThat(spinners(robot)).isEmpty();
    WindowShots.save(loading, "busy-model-loading.png");

    modelLoaded.countDown();
    waitUntil(() -> !loading.isVisible() && !loading.isStepping()
        && robot.lookup(".engine-dot").query().isVisible());

    robot.clickOn(".composer-input").write("Hello");
    robot.type(KeyCode.ENTER);
    ChatViewModel chat = shell.viewModel().chat();
    waitUntil(() -> chat.messagesProperty().size() == 2);
    BusyDots typing = FxWait.fx(() -> (BusyDots) robot.lookup(".typing").queryAll().stream()
        .filter(Node::isVisible).findFirst().orElse(null));
    assertThat(typing).as("dots beside the answer before its first words").isNotNull();
    assertThat(FxWait.fx(typing::isStepping)).isTrue();
    assertThat(litDotsSeen(typing)).as("dots lit in turn while the answer has no words").hasSizeGreaterThan(1);
    assertThat(spinners(robot)).isEmpty();
    WindowShots.save(typing, "busy-before-first-words.png");

    firstWords.countDown();
    waitUntil(() -> !chat.messagesProperty().get(1).content().isEmpty());
    waitUntil(() -> !typing.isVisible() && !typing.isStepping());
    waitUntil(() -> chat.state() == ChatViewModel.State.IDLE);
    assertThat(FxWait.fx(() -> chat.messagesProperty().get(1).status())).isEqualTo(MessageStatus.COMPLETE);
    assertThat(FxWait.fx(() -> robot.lookup(".typing").queryAll().stream().filter(Node::isVisible).toList()))
        .as("no dots beside a finished answer").isEmpty();
    assertThat(spinners(robot)).isEmpty();
  }

  /** Which dot was the brightest, sampled for about two seconds. */
  private static Set<Integer> litDotsSeen(BusyDots dots) throws Exception {
    Set<Integer> lit = new HashSet<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < end) {
      lit.add(FxWait.fx(() -> {
        List<Node> children = dots.getChildren();
        int brightest = 0;
        for (int i = 1; i < children.size(); i++) {
          if (children.get(i).getOpacity() > children.get(brightest).getOpacity()) {
            brightest = i;
          }
        }
        return brightest;
      }));
      Thread.sleep(100);
    }
    return lit;
  }

  /** Indeterminate progress indicators shown anywhere in the window (each would redraw every frame). */
  private List<Node> spinners(FxRobot robot) throws Exception {
    return FxWait.fx(() -> robot.lookup(n -> n instanceof ProgressIndicator p && p.isIndeterminate()
        && shown(p) && p.getScene() == stage.getScene()).queryAll().stream().toList());
  }

  private static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
