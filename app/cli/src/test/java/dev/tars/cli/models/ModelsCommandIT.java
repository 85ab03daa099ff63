package dev.tars.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.cli.CliHome;
import dev.tars.models.ArchiveExtractor;
import dev.tars.models.CatalogEntry;
import dev.tars.models.DiskSpace;
import dev.tars.models.Downloader;
import dev.tars.models.ModelCatalog;
import dev.tars.models.ModelFormat;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import dev.tars.testkit.LoopbackFileServer;
import dev.tars.testkit.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home);
  private LoopbackFileServer server;
  private final AtomicReference<Path> active = new AtomicReference<>();

  @BeforeEach
  void setUp() throws Exception {
    server = LoopbackFileServer.start();
    server.serve("/tiny.gguf", Files.readAllBytes(TestModels.tiny())).dropAt(0.3, 1);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private int run(String... args) {
    ModelCatalog catalog = new ModelCatalog(List.of(
        new CatalogEntry("tiny-q8_0", "Tiny", ModelKind.CHAT, ModelFormat.GGUF, "llama", "1M", "Q8_0",
            1_000_000, 2048, "MIT", server.uri("/tiny.gguf"), null, "tiny.gguf", null),
        new CatalogEntry("gone", "Gone", ModelKind.CHAT, ModelFormat.GGUF, "llama", "1M", "Q8_0",
            1_000_000, 2048, "MIT", server.uri("/gone.gguf"), null, "gone.gguf", null)));
    Downloader.Options fast = new Downloader.Options(Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
        Duration.ofMillis(50), 0, 1 << 20);
    ModelsCommand command = new ModelsCommand(() -> new ModelManager(catalog, home.resolve("models"),
        new Downloader(home.resolve("downloads"), DiskSpace.SYSTEM, fast), new ArchiveExtractor(),
        () -> Optional.ofNullable(active.get()), 16L << 30));
    return cli.run(command, args);
  }

  @Test
  void pullShowsProgressSurvivesADroppedConnectionAndInstalls() {
    int code = run("pull", "tiny-q8_0");

    assertThat(code).isZero();
    assertThat(cli.out()).contains("Connecting to 127.0.0.1", "The connection dropped at 30%",
        "Trying again", "Resuming at", "of ", "Checking the downloaded file", "Installed tiny-q8_0",
        "not verified: no published checksum");
    assertThat(cli.out()).doesNotContain("SHA-256 verified");
    assertThat(cli.err()).isEmpty();
    assertThat(home.resolve("models/tiny.gguf")).hasSameBinaryContentAs(TestModels.tiny());
  }

  @Test
  void listShowsInstalledModelsWithMetadataAndTheCatalogWithFitLabels() {
    run("pull", "tiny-q8_0");

    assertThat(run("list", "--kind", "chat")).isZero();
    assertThat(cli.out()).contains("Installed (1)", "tiny-q8_0", "llama", "Q8_0", "chat template",
        "Catalog (this machine: 17.2 GB of memory)", "fits", "[installed, not verified]",
        "only those with a published SHA-256 checksum are verified");
  }

  @Test
  void failuresAreOneLineOnStderrWithANonZeroExitCode() {
    assertThat(run("pull", "gone")).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: The file is not on the server (HTTP 404)").hasLineCount(1);

    assertThat(run("pull", "nope")).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: There is no model called 'nope'").hasLineCount(1);

    assertThat(run("import", home.resolve("missing.gguf").toString())).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: File not found").hasLineCount(1);

    assertThat(run("rm", "nope")).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: No installed model").hasLineCount(1);
  }

  @Test
  void importShowsMetadataAndRmDeletesButNotTheActiveModel() throws Exception {
    Path source = Files.copy(TestModels.tiny(), home.resolve("mine.gguf"));
    assertThat(run("import", source.toString())).isZero();
    assertThat(cli.out()).contains("Imported as mine: llama", "Q8_0", "fits on this machine", "copied");

    active.set(home.resolve("models/mine.gguf"));
    assertThat(run("rm", "mine")).isEqualTo(1);
    assertThat(cli.err()).contains("is the model Tars is using now");

    active.set(null);
    assertThat(run("rm", "mine")).isZero();
    assertThat(cli.out()).contains("Deleted mine");
    assertThat(home.resolve("models/mine.gguf")).doesNotExist();
    assertThat(source).exists();
  }

  @Test
  void unknownKindIsExplained() {
    assertThat(run("list", "--kind", "video")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("tars: Unknown kind 'video'; use chat, speech or embedding." + System.lineSeparator());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("pull")).isEqualTo(2);
  }
}
