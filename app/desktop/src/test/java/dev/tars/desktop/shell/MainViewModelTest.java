package dev.tars.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.Notices;
import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.TestServices;
import dev.tars.runtime.EngineHost;
import dev.tars.engine.EngineStatus;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.testkit.TestModels;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private final TestUi ui = new TestUi();
  private TestServices services;
  private EngineHost engines;
  private volatile Consumer<EngineStatus> engineStatus;
  private MainViewModel main;

  @BeforeEach
  void open() {
    engines = new EngineHost((settings, sink) -> {
      engineStatus = sink;
      return new ScriptedEngine("ok", 0);
    }, Executors.newSingleThreadExecutor(NamedThreads.named("test-engine-host")));
    services = new TestServices(dir, engines::engine);
    services.settings.addListener(engines::apply);
    main = new MainViewModel(services.chats, services.settings, engines, ui.background(), I18n.forLanguage("en"));
  }

  @AfterEach
  void close() {
    engines.close();
    services.close();
  }

  @Test
  void theFirstRunWelcomesAndAChosenModelOpensTheChat() {
    main.start();
    ui.runPending();
    assertThat(main.state()).isEqualTo(MainViewModel.State.WELCOME);
    assertThat(main.engineTextProperty().get()).isEqualTo("No model chosen");

    main.welcome().choose(TestModels.tiny());
    ui.runUntil(() -> main.state() == MainViewModel.State.CHAT, WAIT);
    ui.runUntil(() -> main.engineStatusProperty().get().state() == EngineStatus.State.READY, WAIT);
    assertThat(main.engineTextProperty().get()).isEqualTo("scripted-demo.gguf");
  }

  @Test
  void aCrashedEngineIsAnnouncedAndItsReturnToo() {
    services.settings.save(services.settings.get().withModelPath(TestModels.tiny().toString()));
    main.start();
    ui.runUntil(() -> main.engineStatusProperty().get().state() == EngineStatus.State.READY, WAIT);
    assertThat(main.state()).isEqualTo(MainViewModel.State.CHAT);

    engineStatus.accept(new EngineStatus(EngineStatus.State.RESTARTING, false, ""));
    ui.runUntil(() -> main.engineBusyProperty().get(), WAIT);
    assertThat(main.engineTextProperty().get()).contains("Restarting");
    assertThat(main.notices().shown()).extracting(Notices.Notice::kind).contains(Notices.Kind.WARNING);

    engineStatus.accept(new EngineStatus(EngineStatus.State.READY, false, "tiny.gguf"));
    ui.runUntil(() -> !main.engineBusyProperty().get(), WAIT);
    assertThat(main.notices().shown()).extracting(Notices.Notice::kind).contains(Notices.Kind.SUCCESS);
  }

  @Test
  void settingsOpenAndCloseBackToTheChat() {
    services.settings.save(services.settings.get().withModelPath(TestModels.tiny().toString()));
    main.start();
    ui.runPending();
    main.showSettings();
    assertThat(main.state()).isEqualTo(MainViewModel.State.SETTINGS);
    main.closeSettings();
    ui.runPending();
    assertThat(main.state()).isEqualTo(MainViewModel.State.CHAT);
  }

  @Test
  void selectingAConversationOpensItInTheChat() {
    long id = services.chats.create("Pinned").id();
    main.start();
    ui.runPending();
    main.conversations().selectedProperty().set(main.conversations().items().getFirst());
    ui.runPending();
    assertThat(main.chat().conversationId()).isEqualTo(id);
    assertThat(main.chat().titleProperty().get()).isEqualTo("Pinned");
  }
}
