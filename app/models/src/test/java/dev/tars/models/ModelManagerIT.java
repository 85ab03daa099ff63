package dev.tars.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.testkit.LoopbackFileServer;
import dev.tars.testkit.TestModels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManagerIT {
  private static final Downloader.Options FAST = new Downloader.Options(Duration.ofSeconds(5),
      Duration.ofSeconds(3), 2, Duration.ofMillis(50), 0, 64 * 1024);
  private static final long GIB = 1L << 30;

  @TempDir Path home;
  private LoopbackFileServer server;
  private final AtomicReference<Path> active = new AtomicReference<>();
  private ModelManager manager;

  @BeforeEach
  void setUp() throws Exception {
    server = LoopbackFileServer.start();
    server.serve("/tiny.gguf", Files.readAllBytes(TestModels.tiny()));
    server.serve("/notes.gguf", Files.readAllBytes(TestModels.notGguf(Files.createDirectories(home.resolve("src")))));
    server.serve("/vosk.zip", zip(Map.of("vosk-model-small-xx/am/final.mdl", "am",
        "vosk-model-small-xx/conf/model.conf", "--sample-frequency=16000", "vosk-model-small-xx/README", "r")));
    server.serve("/readme.zip", zip(Map.of("vosk-model-small-xx/README", "not a model")));
    server.serve("/evil.zip", zip(Map.of("m/../../../escaped.txt", "x")));
    manager = newManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
    server.close();
  }

  private ModelManager newManager() {
    ModelCatalog catalog = new ModelCatalog(List.of(
        gguf("tiny-q8_0", "/tiny.gguf", "tiny.gguf", "llama"),
        gguf("tiny-says-qwen", "/tiny.gguf", "tiny-qwen.gguf", "qwen2"),
        gguf("notes", "/notes.gguf", "notes.gguf", "llama"),
        zipEntry("vosk-small-xx", "/vosk.zip", "vosk.zip"),
        zipEntry("vosk-evil", "/evil.zip", "evil.zip"),
        zipEntry("vosk-readme", "/readme.zip", "readme.zip")));
    return new ModelManager(catalog, home.resolve("models"),
        new Downloader(home.resolve("downloads"), DiskSpace.SYSTEM, FAST), new ArchiveExtractor(),
        () -> Optional.ofNullable(active.get()), 8 * GIB);
  }

  @Test
  void pullDownloadsChecksAndRegistersACatalogModelWithItsMetadata() throws Exception {
    DownloadOutcome outcome = pull("tiny-q8_0");

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    InstalledModel model = manager.installed("tiny-q8_0").orElseThrow();
    assertThat(manager.location(model)).hasSameBinaryContentAs(TestModels.tiny());
    assertThat(model.metadata().architecture()).isEqualTo("llama");
    assertThat(model.metadata().quantization()).isEqualTo("Q8_0");
    assertThat(model.metadata().chatTemplate()).isTrue();
    assertThat(model.sha256()).hasSize(64);
    assertThat(model.source()).isEqualTo(server.uri("/tiny.gguf").toString());
    assertThat(newManager().installed()).extracting(InstalledModel::name).containsExactly("tiny-q8_0");
  }

  @Test
  void pullOfAFileThatIsNotAModelDeletesItAndSaysWhy() throws Exception {
    DownloadOutcome outcome = pull("notes");

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class,
        f -> assertThat(f.message()).startsWith("The downloaded file is not a usable model").contains("notes.gguf")
            .doesNotContain(".part"));
    assertThat(manager.installed()).isEmpty();
    assertModelsFolderHoldsOnly();
  }

  @Test
  void pullOfAModelOfAnotherArchitectureThanTheCatalogSaysIsRefused() throws Exception {
    DownloadOutcome outcome = pull("tiny-says-qwen");

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class,
        f -> assertThat(f.message()).contains("'llama' model but the catalog promised 'qwen2'"));
    assertModelsFolderHoldsOnly();
  }

  @Test
  void speechModelArchiveIsUnpackedIntoItsOwnFolderWhereTheVoiceFeatureLooks() throws Exception {
    List<DownloadStatus> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    DownloadOutcome outcome = manager.pull("vosk-small-xx", new DownloadListener() {
      @Override
      public void onStatus(DownloadStatus status, String message) {
        statuses.add(status);
      }
    }).outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(home.resolve("models/vosk/vosk-small-xx/am/final.mdl")).hasContent("am");
    assertThat(manager.installed("vosk-small-xx")).get().extracting(InstalledModel::kind).isEqualTo(ModelKind.SPEECH);
    assertThat(statuses).containsSubsequence(DownloadStatus.VERIFYING, DownloadStatus.EXTRACTING,
        DownloadStatus.COMPLETED);
    assertThat(statuses).containsOnlyOnce(DownloadStatus.COMPLETED);
    try (Stream<Path> left = Files.list(home.resolve("downloads"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void speechArchiveWithEscapingEntryIsRefusedAndNothingIsInstalled() throws Exception {
    DownloadOutcome outcome = pull("vosk-evil");

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class,
        f -> assertThat(f.message()).contains("Refused to unpack evil.zip", "outside its folder"));
    assertThat(home.resolve("escaped.txt")).doesNotExist();
    assertModelsFolderHoldsOnly();
    try (Stream<Path> left = Files.list(home.resolve("downloads"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void speechArchiveWithoutAVoskModelIsRefusedAndNothingIsInstalled() throws Exception {
    DownloadOutcome outcome = pull("vosk-readme");

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class,
        f -> assertThat(f.message()).startsWith("readme.zip does not hold a Vosk speech model"));
    assertThat(manager.installed()).isEmpty();
    assertThat(home.resolve("models/vosk/vosk-readme")).doesNotExist();
  }

  @Test
  void pullingAnUnknownOrInstalledModelIsRefusedAtOnce() throws Exception {
    assertThatThrownBy(() -> manager.pull("nope", DownloadListener.NONE))
        .hasMessageContaining("There is no model called 'nope'");
    pull("tiny-q8_0");
    assertThatThrownBy(() -> manager.pull("tiny-q8_0", DownloadListener.NONE)).hasMessageContaining("already installed");
  }

  @Test
  void importCopiesAValidModelAndShowsItsMetadata() throws Exception {
    Path source = Files.copy(TestModels.tiny(), home.resolve("src/My Model.Q8_0.gguf"));
    InstalledModel model = manager.importFile(source, false);

    assertThat(model.name()).isEqualTo("my-model.q8_0");
    assertThat(model.metadata().describe()).startsWith("llama, ").contains("Q8_0", "chat template");
    Path copy = manager.location(model);
    assertThat(copy).hasSameBinaryContentAs(source);
    assertThat(Files.isSameFile(copy, source)).isFalse();
    assertThat(model.sha256()).isEqualTo(DownloadFiles.sha256(source));
  }

  @Test
  void importWithLinkUsesAHardLinkOnTheSameDisk() throws Exception {
    Path source = Files.copy(TestModels.tiny(), home.resolve("src/linked.gguf"));
    InstalledModel model = manager.importFile(source, true);

    assertThat(Files.isSameFile(manager.location(model), source)).isTrue();
    assertThat(model.source()).startsWith("linked from");
    manager.remove(model.name());
    assertThat(source).exists();
  }

  @Test
  void importOfBadFilesExplainsAndLeavesTheModelsFolderAlone() throws Exception {
    Path src = home.resolve("src");
    assertThatThrownBy(() -> manager.importFile(TestModels.notGguf(src), false)).isInstanceOf(ModelException.class)
        .hasMessageContaining("notes.gguf");
    assertThatThrownBy(() -> manager.importFile(TestModels.truncated(src), false))
        .hasMessageContaining("truncated.gguf");
    assertThatThrownBy(() -> manager.importFile(TestModels.unsupportedArchitecture(src), false))
        .hasMessageContaining("unsupported architecture 'foobar'");
    assertThatThrownBy(() -> manager.importFile(src.resolve("missing.gguf"), false))
        .hasMessageContaining("File not found");
    assertThat(manager.installed()).isEmpty();
    assertModelsFolderHoldsOnly();
  }

  @Test
  void removeRefusesTheActiveModelAndDeletesOthers() throws Exception {
    pull("tiny-q8_0");
    Path file = manager.location(manager.installed("tiny-q8_0").orElseThrow());
    active.set(file);

    assertThatThrownBy(() -> manager.remove("tiny-q8_0"))
        .hasMessageContaining("is the model Tars is using now");
    assertThat(file).exists();

    active.set(null);
    manager.remove("tiny-q8_0");
    assertThat(file).doesNotExist();
    assertThat(manager.installed()).isEmpty();
    assertThatThrownBy(() -> manager.remove("tiny-q8_0")).hasMessageContaining("No installed model");
  }

  @Test
  void fitLabelUsesTheMachinesMemory() {
    assertThat(manager.fit(500_000_000L)).isEqualTo(Fit.FITS);
    assertThat(manager.fit(20 * GIB)).isEqualTo(Fit.WONT_FIT);
  }

  private DownloadOutcome pull(String name) throws Exception {
    return manager.pull(name, DownloadListener.NONE).outcome().get(30, TimeUnit.SECONDS);
  }

  private void assertModelsFolderHoldsOnly(String... names) throws Exception {
    Path models = home.resolve("models");
    if (!Files.exists(models)) {
      return;
    }
    try (Stream<Path> files = Files.list(models)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(InstalledModels.FILE_NAME)))
          .containsExactlyInAnyOrder(names);
    }
  }

  private CatalogEntry gguf(String name, String path, String fileName, String arch) {
    return new CatalogEntry(name, name, ModelKind.CHAT, ModelFormat.GGUF, arch, "1M", "Q8_0", 1_000_000, 2048,
        "MIT", server.uri(path), null, fileName, null);
  }

  private CatalogEntry zipEntry(String name, String path, String fileName) {
    return new CatalogEntry(name, name, ModelKind.SPEECH, ModelFormat.ZIP, null, null, null, 1000, 0,
        "Apache-2.0", server.uri(path), null, fileName, "xx");
  }

  private static byte[] zip(Map<String, String> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
