package dev.tars.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppSettings;
import dev.tars.engine.EngineStatus;
import dev.tars.config.EngineChoice;
import dev.tars.engine.EngineException;
import dev.tars.testkit.core.ScriptedEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineHostTest {
  private final List<ScriptedEngine> made = new ArrayList<>();
  private final LinkedBlockingQueue<EngineStatus> statuses = new LinkedBlockingQueue<>();
  private EngineHost host;

  private EngineHost host(EngineHost.Factory factory) {
    host = new EngineHost(factory, Executors.newSingleThreadExecutor(NamedThreads.named("test-engine-host")));
    host.addStatusListener(statuses::add);
    return host;
  }

  private EngineHost scriptedHost() {
    return host((settings, sink) -> {
      ScriptedEngine engine = ScriptedEngine.answering("ok");
      made.add(engine);
      return engine;
    });
  }

  private EngineStatus next() throws InterruptedException {
    EngineStatus status = statuses.poll(5, TimeUnit.SECONDS);
    assertThat(status).as("a status change").isNotNull();
    return status;
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void withoutAModelThereIsNoEngineAndThePersonIsToldWhatToDo() throws InterruptedException {
    scriptedHost().apply(AppSettings.DEFAULTS);
    assertThat(next().state()).isEqualTo(EngineStatus.State.NONE);
    assertThatThrownBy(host::engine).isInstanceOf(EngineException.class).hasMessageContaining("Choose a GGUF");
  }

  @Test
  void aChosenModelLoadsAndBecomesReady() throws Exception {
    scriptedHost().apply(AppSettings.DEFAULTS.withModelPath("/models/tiny.gguf"));
    EngineStatus loading = next();
    assertThat(loading.state()).isEqualTo(EngineStatus.State.LOADING);
    assertThat(loading.detail()).isEqualTo("tiny.gguf");
    assertThat(next().state()).isEqualTo(EngineStatus.State.READY);
    assertThat(host.engine().model().id()).isEqualTo("scripted-demo.gguf");
  }

  @Test
  void changingTheModelClosesTheOldEngineAndStartsANewOne() throws Exception {
    scriptedHost().apply(AppSettings.DEFAULTS.withModelPath("/models/a.gguf"));
    next();
    next();
    host.apply(AppSettings.DEFAULTS.withModelPath("/models/a.gguf").withTheme(dev.tars.config.Theme.DARK));
    host.apply(AppSettings.DEFAULTS.withModelPath("/models/b.gguf"));
    assertThat(next().detail()).isEqualTo("b.gguf");
    assertThat(next().state()).isEqualTo(EngineStatus.State.READY);
    assertThat(made).hasSize(2);
    assertThat(made.get(0).closed()).isTrue();
    assertThat(made.get(1).closed()).isFalse();
  }

  @Test
  void anEngineThatCannotStartIsReportedWithItsMessage() throws InterruptedException {
    host((settings, sink) -> {
      throw new EngineException("“broken.gguf” is not a GGUF model.");
    }).apply(AppSettings.DEFAULTS.withModelPath("/models/broken.gguf"));
    assertThat(next().state()).isEqualTo(EngineStatus.State.LOADING);
    EngineStatus failed = next();
    assertThat(failed.state()).isEqualTo(EngineStatus.State.FAILED);
    assertThat(failed.detail()).contains("not a GGUF model");
    assertThat(failed.key()).isEqualTo("startFailed");
    assertThat(failed.args()).containsExactly("broken.gguf", "“broken.gguf” is not a GGUF model.");
    assertThatThrownBy(host::engine).hasMessageContaining("not a GGUF model");
  }

  @Test
  void aRemoteServerThatDoesNotAnswerIsReportedWithAKeyAWindowCanTranslate() throws InterruptedException {
    host((settings, sink) -> ScriptedEngine.answering("ok").failingModelInfo(
        new EngineException("Connection refused"))).apply(
        AppSettings.DEFAULTS.withEngine(EngineChoice.REMOTE, "http://box:8080/v1", "", ""));
    assertThat(next().state()).isEqualTo(EngineStatus.State.LOADING);
    EngineStatus failed = next();
    assertThat(failed.state()).isEqualTo(EngineStatus.State.FAILED);
    assertThat(failed.remote()).isTrue();
    assertThat(failed.detail()).isEqualTo("Connection refused");
    assertThat(failed.key()).isEqualTo("remoteNotAnswering");
    assertThat(failed.args()).containsExactly("http://box:8080/v1", "Connection refused");
  }

  @Test
  void statusReportedByTheEngineItselfIsPassedOn() throws InterruptedException {
    host((settings, sink) -> {
      sink.accept(new EngineStatus(EngineStatus.State.RESTARTING, false, ""));
      return ScriptedEngine.answering("ok");
    }).apply(AppSettings.DEFAULTS.withModelPath("/models/a.gguf"));
    assertThat(next().state()).isEqualTo(EngineStatus.State.LOADING);
    assertThat(next().state()).isEqualTo(EngineStatus.State.RESTARTING);
  }

  @Test
  void aRemoteServerIsShownAsRemote() throws InterruptedException {
    scriptedHost().apply(AppSettings.DEFAULTS.withEngine(EngineChoice.REMOTE, "http://box:8080/v1", "", ""));
    EngineStatus loading = next();
    assertThat(loading.remote()).isTrue();
    assertThat(loading.detail()).isEqualTo("http://box:8080/v1");
  }

  @Test
  void awaitReadyWaitsForTheEngineBeingLoadedInsteadOfSayingItIsStillLoading() throws Exception {
    java.util.concurrent.CountDownLatch slowLoad = new java.util.concurrent.CountDownLatch(1);
    host((settings, sink) -> {
      try {
        slowLoad.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScriptedEngine.answering("ok");
    }).apply(AppSettings.DEFAULTS.withModelPath("/models/a.gguf"));
    assertThat(next().state()).isEqualTo(EngineStatus.State.LOADING);
    assertThatThrownBy(host::engine).hasMessageContaining("still loading");

    Executors.newSingleThreadScheduledExecutor(NamedThreads.named("test-release"))
        .schedule(slowLoad::countDown, 200, TimeUnit.MILLISECONDS);

    assertThat(host.awaitReady(java.time.Duration.ofSeconds(5)).model().id()).isEqualTo("scripted-demo.gguf");
  }

  @Test
  void awaitReadyWithoutAModelSaysHowToChooseOne() {
    scriptedHost().apply(AppSettings.DEFAULTS);
    assertThatThrownBy(() -> host.awaitReady(java.time.Duration.ofSeconds(5)))
        .hasMessageContaining("tars models use");
  }

  @Test
  void switchingModelsClosesTheOldEngineBeforeTheNewOneStarts() throws InterruptedException {
    scriptedHost().apply(AppSettings.DEFAULTS.withModelPath("/models/a.gguf"));
    next();
    next();
    host.apply(AppSettings.DEFAULTS.withModelPath("/models/b.gguf"));
    assertThat(next().state()).isEqualTo(EngineStatus.State.LOADING);
    assertThat(made.getFirst().closed()).isTrue();
    assertThat(next().state()).isEqualTo(EngineStatus.State.READY);
    assertThat(made).hasSize(2);
  }

  @Test
  void closingClosesTheRunningEngine() throws InterruptedException {
    scriptedHost().apply(AppSettings.DEFAULTS.withModelPath("/models/a.gguf"));
    next();
    next();
    host.close();
    assertThat(made.getFirst().closed()).isTrue();
  }
}
