package dev.tars.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.config.AppSettings;
import dev.tars.config.EngineChoice;
import dev.tars.config.SettingsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EngineSelectorTest {
  private final List<String> events = new ArrayList<>();

  private final class InMemorySettings implements SettingsStore {
    AppSettings value = AppSettings.DEFAULTS;

    @Override
    public AppSettings get() {
      return value;
    }

    @Override
    public void save(AppSettings settings) {
      value = settings;
    }

    @Override
    public void addListener(Consumer<AppSettings> listener) {}
  }

  private final class NamedEngine implements ChatEngine {
    final String name;

    NamedEngine(String name) {
      this.name = name;
      events.add("start " + name);
    }

    @Override
    public ModelInfo model() {
      return new ModelInfo(name, 100);
    }

    @Override
    public int countTokens(List<ChatMessage> messages) {
      return 0;
    }

    @Override
    public Generation generate(ChatRequest request, TokenSink sink) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      events.add("close " + name);
    }
  }

  private final EngineSelector.Factory factory = new EngineSelector.Factory() {
    @Override
    public ChatEngine local(AppSettings s) {
      return new NamedEngine("local:" + s.modelPath());
    }

    @Override
    public ChatEngine remote(AppSettings s) {
      return new NamedEngine("remote:" + s.remoteUrl());
    }
  };

  @Test
  void withoutAModelItSaysWhatToDo() {
    EngineSelector selector = new EngineSelector(new InMemorySettings(), factory);
    assertThatThrownBy(selector::engine).isInstanceOf(EngineException.class).hasMessageContaining("Choose a GGUF file");
  }

  @Test
  void keepsTheEngineUntilSettingsChangeThenClosesTheOldOneFirst() throws Exception {
    InMemorySettings settings = new InMemorySettings();
    EngineSelector selector = new EngineSelector(settings, factory);
    settings.save(settings.get().withModelPath("/m/a.gguf"));

    ChatEngine first = selector.engine();
    assertThat(selector.engine()).isSameAs(first);
    settings.save(settings.get().withModelPath("/m/b.gguf"));
    selector.engine();
    settings.save(settings.get().withEngine(EngineChoice.REMOTE, "http://box:8080/v1", "", ""));
    selector.engine();
    selector.close();

    assertThat(events).containsExactly("start local:/m/a.gguf", "close local:/m/a.gguf", "start local:/m/b.gguf",
        "close local:/m/b.gguf", "start remote:http://box:8080/v1", "close remote:http://box:8080/v1");
  }
}
