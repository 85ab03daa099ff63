package dev.tars.desktop.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.EngineChoice;
import dev.tars.config.StoredSettings;
import dev.tars.projects.Project;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectModelTest {
  @TempDir Path home;
  private Database database;
  private StoredSettings settings;

  @BeforeEach
  void open() {
    database = TestDatabase.open(home);
    settings = new StoredSettings(database.dataSource());
    settings.save(settings.get().withModelPath("/models/general.gguf"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aProjectsDefaultModelBecomesTheActiveModel() throws Exception {
    Path coder = Files.writeString(home.resolve("coder.gguf"), "GGUF");

    assertThat(ProjectModel.apply(settings, project(coder.toString()))).isEqualTo(ProjectModel.Outcome.SWITCHED);
    assertThat(settings.get().modelPath()).isEqualTo(coder.toString());
    assertThat(ProjectModel.apply(settings, project(coder.toString()))).isEqualTo(ProjectModel.Outcome.UNCHANGED);
  }

  @Test
  void withoutADefaultModelOrWithAMissingFileTheActiveModelStays() {
    assertThat(ProjectModel.apply(settings, project(""))).isEqualTo(ProjectModel.Outcome.UNCHANGED);
    assertThat(ProjectModel.apply(settings, project(home.resolve("gone.gguf").toString())))
        .isEqualTo(ProjectModel.Outcome.MISSING);
    assertThat(settings.get().modelPath()).isEqualTo("/models/general.gguf");
  }

  @Test
  void withARemoteServerTheDefaultIsTheServersModelName() {
    settings.save(settings.get().withEngine(EngineChoice.REMOTE, "http://127.0.0.1:9", "", "small"));

    assertThat(ProjectModel.apply(settings, project("qwen2.5-coder"))).isEqualTo(ProjectModel.Outcome.SWITCHED);

    assertThat(settings.get().engine()).isEqualTo(EngineChoice.REMOTE);
    assertThat(settings.get().remoteModel()).isEqualTo("qwen2.5-coder");
  }

  private static Project project(String defaultModel) {
    return new Project(2, "Code", "", defaultModel, List.of(), Instant.EPOCH);
  }
}
