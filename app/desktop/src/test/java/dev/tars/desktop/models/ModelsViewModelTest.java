package dev.tars.desktop.models;

import static dev.tars.testkit.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
import dev.tars.models.ArchiveExtractor;
import dev.tars.models.DownloadFiles;
import dev.tars.models.CatalogEntry;
import dev.tars.models.DiskSpace;
import dev.tars.models.Downloader;
import dev.tars.models.Fit;
import dev.tars.models.ModelCatalog;
import dev.tars.models.ModelFormat;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import dev.tars.testkit.LoopbackFileServer;
import dev.tars.testkit.TestModels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsViewModelTest {
  private static final Executor NOW = Runnable::run;

  @TempDir Path home;
  private LoopbackFileServer server;
  private ModelManager manager;
  private ModelsViewModel viewModel;
  private final AtomicReference<Path> active = new AtomicReference<>();

  @BeforeEach
  void setUp() throws Exception {
    server = LoopbackFileServer.start();
    server.serve("/tiny.gguf", Files.readAllBytes(TestModels.tiny())).trickle(4 * 1024, 10);
    ModelCatalog catalog = new ModelCatalog(List.of(
        chat("tiny-q8_0", server.uri("/tiny.gguf"), 1_000_000),
        chat("huge-q8_0", server.uri("/huge.gguf"), 40_000_000_000L),
        chat("gone-q8_0", server.uri("/gone.gguf"), 1_000_000),
        new CatalogEntry("embed", "Embedder", ModelKind.EMBEDDING, ModelFormat.BUNDLED, "bert", "23M", "INT8",
            23_000_000, 128, "Apache-2.0", URI.create("https://repo1.maven.org/x/"), null, null, null)));
    manager = new ModelManager(catalog, home.resolve("models"), new Downloader(home.resolve("downloads"),
        DiskSpace.SYSTEM, new Downloader.Options(Duration.ofSeconds(5), Duration.ofSeconds(3), 1,
            Duration.ofMillis(50), 0, 1 << 20)), new ArchiveExtractor(), () -> Optional.ofNullable(active.get()),
        16L << 30);
    viewModel = new ModelsViewModel(manager, NOW, NOW, I18n.forLanguage("en"));
  }

  @AfterEach
  void tearDown() {
    viewModel.close();
    manager.close();
    server.close();
  }

  @Test
  void catalogRowsShowSizeFitAndState() {
    assertThat(viewModel.rows()).extracting(ModelRow::name)
        .containsExactly("tiny-q8_0", "huge-q8_0", "gone-q8_0", "embed");
    ModelRow tiny = row("tiny-q8_0");
    assertThat(tiny.fitProperty().get()).isEqualTo("fits");
    assertThat(row("huge-q8_0").fitProperty().get()).isEqualTo("won’t fit");
    assertThat(row("huge-q8_0").fitHintProperty().get()).isEqualTo(
        "Needs about 48.5 GB of memory while it runs; this computer has 17.2 GB.");
    assertThat(tiny.sizeProperty().get()).isEqualTo("1.0 MB");
    assertThat(tiny.state()).isEqualTo(ModelRow.State.AVAILABLE);
    assertThat(row("embed").state()).isEqualTo(ModelRow.State.INCLUDED);
    assertThat(viewModel.machineProperty().get()).contains("17.2 GB of memory");
  }

  @Test
  void thePageSpeaksTheChosenLanguage() {
    try (ModelsViewModel spanish = new ModelsViewModel(manager, NOW, NOW, I18n.forLanguage("es"))) {
      ModelRow huge = spanish.rows().stream().filter(r -> r.name().equals("huge-q8_0")).findFirst().orElseThrow();
      assertThat(huge.fitProperty().get()).isEqualTo("no cabe");
      assertThat(huge.fitLevelProperty().get()).isEqualTo(Fit.WONT_FIT);
      assertThat(huge.kindProperty().get()).isEqualTo("chat");
      assertThat(spanish.machineProperty().get()).startsWith("Este ordenador tiene 17.2 GB de memoria");
      assertThat(spanish.rows().stream().filter(r -> r.name().equals("embed")).findFirst().orElseThrow()
          .messageProperty().get()).isEqualTo("Incluido con Tars");
    }
  }

  @Test
  void downloadShowsProgressThenInstalledWithMetadata() throws Exception {
    ModelRow tiny = row("tiny-q8_0");
    viewModel.download(tiny);
    waitUntil(() -> tiny.progressProperty().get() > 0.1);
    assertThat(tiny.progressTextProperty().get()).contains(" of ", "/s");

    waitUntil(() -> tiny.state() == ModelRow.State.INSTALLED);
    assertThat(tiny.detailsProperty().get()).contains("llama", "Q8_0");
    waitUntil(() -> viewModel.noticeProperty().get().contains("is installed"));
  }

  @Test
  void modelWithoutAPublishedChecksumIsNeverCalledVerifiedInEitherLanguage() throws Exception {
    ModelRow tiny = row("tiny-q8_0");
    assertThat(tiny.messageProperty().get()).isEqualTo("No published checksum: the download will not be verified");
    viewModel.download(tiny);
    waitUntil(() -> tiny.state() == ModelRow.State.INSTALLED);
    waitUntil(() -> viewModel.noticeProperty().get().contains("is installed"));

    assertThat(viewModel.noticeProperty().get()).contains("not verified").doesNotContain("matched");
    assertThat(tiny.messageProperty().get()).isEqualTo("Installed, not verified (no published checksum)");
    ModelsViewModel spanish = new ModelsViewModel(manager, NOW, NOW, I18n.forLanguage("es"));
    ModelRow again = spanish.rows().stream().filter(r -> r.name().equals("tiny-q8_0")).findFirst().orElseThrow();
    assertThat(again.messageProperty().get()).isEqualTo("Instalado, sin verificar (no hay suma de comprobación publicada)");
    assertThat(spanish.rows().stream().filter(r -> r.name().equals("gone-q8_0")).findFirst().orElseThrow()
        .messageProperty().get()).startsWith("Sin suma de comprobación publicada");
  }

  @Test
  void modelWithAPublishedChecksumIsCalledVerifiedOnceItMatches() throws Exception {
    String sha = DownloadFiles.sha256(TestModels.tiny());
    ModelManager checked = new ModelManager(new ModelCatalog(List.of(new CatalogEntry("tiny-q8_0", "tiny-q8_0",
        ModelKind.CHAT, ModelFormat.GGUF, "llama", "1M", "Q8_0", 1_000_000, 2048, "MIT", server.uri("/tiny.gguf"),
        sha, "tiny.gguf", null))), home.resolve("checked-models"), new Downloader(home.resolve("checked-downloads")),
        new ArchiveExtractor(), Optional::empty, 16L << 30);
    try (checked) {
      ModelsViewModel page = new ModelsViewModel(checked, NOW, NOW, I18n.forLanguage("en"));
      ModelRow tiny = page.rows().getFirst();
      assertThat(tiny.messageProperty().get()).isEmpty();
      page.download(tiny);
      waitUntil(() -> page.noticeProperty().get().contains("is installed"));

      assertThat(page.noticeProperty().get()).contains("SHA-256 checksum matched");
      assertThat(tiny.messageProperty().get()).isEqualTo("Installed");
    }
  }

  @Test
  void pauseKeepsProgressAndResumeFinishes() throws Exception {
    ModelRow tiny = row("tiny-q8_0");
    viewModel.download(tiny);
    waitUntil(() -> tiny.progressProperty().get() > 0.2);
    viewModel.pause(tiny);
    waitUntil(() -> tiny.state() == ModelRow.State.PAUSED);
    assertThat(tiny.progressProperty().get()).isBetween(0.2, 1.0);
    assertThat(tiny.progressTextProperty().get()).contains(" of ");

    viewModel.download(tiny);
    waitUntil(() -> tiny.state() == ModelRow.State.INSTALLED);
  }

  @Test
  void cancelReturnsTheRowToAvailableAndLeavesNothing() throws Exception {
    ModelRow tiny = row("tiny-q8_0");
    viewModel.download(tiny);
    waitUntil(() -> tiny.progressProperty().get() > 0.1);
    viewModel.cancel(tiny);
    waitUntil(() -> tiny.state() == ModelRow.State.AVAILABLE);
    assertThat(tiny.messageProperty().get()).isEqualTo("Cancelled");
    try (var left = Files.list(home.resolve("downloads"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void failedDownloadShowsTheReasonOnTheRowAndInTheNotice() throws Exception {
    ModelRow gone = row("gone-q8_0");
    viewModel.download(gone);
    waitUntil(() -> gone.state() == ModelRow.State.FAILED);
    assertThat(gone.messageProperty().get()).contains("HTTP 404");
    assertThat(viewModel.noticeProperty().get()).contains("HTTP 404");
  }

  @Test
  void importAddsARowAndBadFilesExplainThemselves() throws Exception {
    Path src = Files.createDirectories(home.resolve("src"));
    viewModel.importFile(TestModels.notGguf(src), false);
    assertThat(viewModel.noticeProperty().get()).contains("notes.gguf");

    viewModel.importFile(Files.copy(TestModels.tiny(), src.resolve("mine.gguf")), false);
    ModelRow mine = row("mine");
    assertThat(mine.state()).isEqualTo(ModelRow.State.INSTALLED);
    assertThat(mine.titleProperty().get()).endsWith("(imported)");
    assertThat(viewModel.noticeProperty().get()).startsWith("Imported mine: llama");
  }

  @Test
  void useMakesAnInstalledChatModelTheActiveOne() throws Exception {
    AtomicReference<Path> chosen = new AtomicReference<>();
    ModelsViewModel withUse = new ModelsViewModel(manager, NOW, NOW, file -> {
      chosen.set(file);
      active.set(file);
    }, I18n.forLanguage("en"));
    Path src = Files.createDirectories(home.resolve("src"));
    withUse.importFile(Files.copy(TestModels.tiny(), src.resolve("mine.gguf")), false);
    ModelRow mine = withUse.rows().stream().filter(r -> r.name().equals("mine")).findFirst().orElseThrow();
    assertThat(withUse.canUse(mine)).isTrue();
    assertThat(viewModel.canUse(mine)).as("no Use button without a way to switch").isFalse();

    withUse.use(mine);

    assertThat(chosen.get()).isEqualTo(home.resolve("models/mine.gguf").toAbsolutePath());
    assertThat(mine.activeProperty().get()).isTrue();
    assertThat(withUse.canUse(mine)).isFalse();
    assertThat(withUse.noticeProperty().get()).startsWith("Tars now uses");
  }

  @Test
  void deleteRefusesTheActiveModelAndOtherwiseFreesTheRow() throws Exception {
    Path src = Files.createDirectories(home.resolve("src"));
    viewModel.importFile(Files.copy(TestModels.tiny(), src.resolve("mine.gguf")), false);
    active.set(home.resolve("models/mine.gguf"));
    viewModel.delete(row("mine"));
    assertThat(viewModel.noticeProperty().get()).contains("is the model Tars is using now");

    active.set(null);
    viewModel.delete(row("mine"));
    assertThat(viewModel.rows()).extracting(ModelRow::name).doesNotContain("mine");
    assertThat(viewModel.noticeProperty().get()).startsWith("Deleted mine");
  }

  private ModelRow row(String name) {
    return viewModel.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static CatalogEntry chat(String name, URI url, long size) {
    return new CatalogEntry(name, name, ModelKind.CHAT, ModelFormat.GGUF, "llama", "1M", "Q8_0", size, 2048, "MIT",
        url, null, name + ".gguf", null);
  }

}
