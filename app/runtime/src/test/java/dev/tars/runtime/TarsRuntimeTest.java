package dev.tars.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.actions.Action;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.notes.Note;
import dev.tars.config.AppPaths;
import dev.tars.config.AppSettings;
import dev.tars.memory.MemoryScope;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.voice.settings.VoiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime builds what is asked for, once, and closes it: on a real data home (H2, Lucene). */
class TarsRuntimeTest {
  @TempDir Path home;
  private final List<AppSettings> enginesMade = new CopyOnWriteArrayList<>();
  private final List<ScriptedEngine> engines = new CopyOnWriteArrayList<>();

  private RuntimeOptions options() {
    return RuntimeOptions.of(new AppPaths(home), "test").withEngineFactory((settings, sink) -> {
      enginesMade.add(settings);
      ScriptedEngine engine = ScriptedEngine.answering("ok");
      engines.add(engine);
      return engine;
    });
  }

  @Test
  void memoryAndDocumentsAloneNeverStartAnEngine() {
    try (TarsRuntime runtime = TarsRuntime.open(options())) {
      runtime.settings().save(runtime.settings().get().withModelPath("/models/chosen.gguf"));
      runtime.memory().memories().add(MemoryScope.GLOBAL, "Prefers metric units", true);
      runtime.knowledge().service().collections();

      assertThat(runtime.memory()).isSameAs(runtime.memory());
      assertThat(enginesMade).isEmpty();
    }
  }

  @Test
  void voiceIsBuiltOnceWithoutAnEngineOrDatabaseAndItsSettingsOutliveTheRuntime() {
    try (TarsRuntime runtime = TarsRuntime.open(options())) {
      VoiceSystem voice = runtime.voice();
      assertThat(runtime.voiceIfAvailable()).containsSame(voice);
      assertThat(voice.settings()).isEqualTo(VoiceSettings.DEFAULTS);
      voice.save(voice.settings().withAutoRead(true));
      assertThat(enginesMade).isEmpty();
      assertThat(home.resolve("db").resolve("tars.mv.db")).doesNotExist();
    }
    try (TarsRuntime again = TarsRuntime.open(options())) {
      assertThat(again.voice().settings().autoRead()).isTrue();
      again.close();
      assertThatThrownBy(again::voice).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theChatServiceStartsTheChosenEngineAndClosingClosesItAndEndsTheRuntime() throws Exception {
    TarsRuntime runtime = TarsRuntime.open(options());
    runtime.settings().save(runtime.settings().get().withModelPath("/models/chosen.gguf"));
    runtime.chats();
    runtime.engines().awaitReady(Duration.ofSeconds(5));

    runtime.close();

    assertThat(enginesMade).extracting(AppSettings::modelPath).containsExactly("/models/chosen.gguf");
    assertThat(engines.getFirst().closed()).isTrue();
    assertThatThrownBy(runtime::settings).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aModelGivenInTheOptionsIsUsedWithoutChangingTheAppsChoice() throws Exception {
    Path file = home.resolve("other.gguf");
    try (TarsRuntime runtime = TarsRuntime.open(options().withModel(file, 2048, 1))) {
      runtime.settings().save(runtime.settings().get().withModelPath("/models/chosen.gguf"));
      runtime.engines().awaitReady(Duration.ofSeconds(5));

      assertThat(enginesMade.getFirst().modelPath()).isEqualTo(file.toAbsolutePath().toString());
      assertThat(enginesMade.getFirst().contextSize()).isEqualTo(2048);
      assertThat(runtime.settings().get().modelPath()).isEqualTo("/models/chosen.gguf");
    }
  }

  @Test
  void withoutKnowledgeTheIndexIsNeverOpenedAndChatStillWorks() {
    try (TarsRuntime runtime = TarsRuntime.open(options().withoutKnowledge())) {
      assertThat(runtime.knowledgeIfAvailable()).isEmpty();
      assertThat(runtime.chats()).isNotNull();
      assertThat(home.resolve("knowledge/index")).doesNotExist();
    }
  }

  @Test
  void actionsAreBuiltOnceWithoutAnEngineAndWhatTheyStoreOutlivesTheRuntime() {
    TarsRuntime runtime = TarsRuntime.open(options().withoutKnowledge());
    try (runtime) {
      assertThat(runtime.actions()).isSameAs(runtime.actions());
      runtime.actions().service().execute(new Action.CreateNote(Note.Draft.of("Buy stamps for the letters")),
          Origin.CLI);
      assertThat(enginesMade).isEmpty();
    }
    assertThatThrownBy(runtime::actions).isInstanceOf(IllegalStateException.class);

    try (TarsRuntime again = TarsRuntime.open(options().withoutKnowledge())) {
      assertThat(again.actions().notes().all()).extracting(Note::body).containsExactly("Buy stamps for the letters");
      assertThat(again.actions().activity().recent(10)).hasSize(1);
    }
  }
}
