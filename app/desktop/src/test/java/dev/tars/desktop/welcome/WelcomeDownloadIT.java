package dev.tars.desktop.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.EngineChoice;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.desktop.models.ModelRow;
import dev.tars.desktop.models.ModelsViewModel;
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
import dev.tars.testkit.core.ScriptedEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The welcome's one-click download over real HTTP from the fault-injecting loopback server, through the real
 * downloader and models folder: resumed after a dropped connection, verified against its checksum, progress
 * at least once a second, a failure that says why and a retry that works, and the model saved as the one to run.
 */
class WelcomeDownloadIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path home;
  private final TestUi ui = new TestUi();
  private final ExecutorService work = Executors.newSingleThreadExecutor(NamedThreads.named("welcome-it"));
  private LoopbackFileServer server;
  private LoopbackFileServer.Route route;
  private TestServices services;
  private ModelManager manager;
  private ModelsViewModel models;
  private WelcomeViewModel welcome;
  private byte[] file;
  private ModelRow row;

  @BeforeEach
  void setUp() throws Exception {
    file = Files.readAllBytes(TestModels.tiny());
    server = LoopbackFileServer.start();
    route = server.serve("/tiny.gguf", file).trickle(4 * 1024, 25);
    services = new TestServices(home, () -> new ScriptedEngine("ok", 0));
  }

  private void open(String sha256, String language) {
    CatalogEntry starter = new CatalogEntry("tiny-q8_0", "Tiny chat", ModelKind.CHAT, ModelFormat.GGUF, "llama",
        "1M", "Q8_0", file.length, 2048, "MIT", server.uri("/tiny.gguf"), sha256, "tiny.gguf", null, "tiny",
        URI.create("https://opensource.org/license/mit"), true);
    manager = new ModelManager(new ModelCatalog(List.of(starter)), home.resolve("models"),
        new Downloader(home.resolve("downloads"), DiskSpace.SYSTEM, new Downloader.Options(Duration.ofSeconds(5),
            Duration.ofSeconds(3), 2, Duration.ofMillis(100), 0, 1 << 20)),
        new ArchiveExtractor(), Optional::empty, 8L << 30);
    I18n i18n = I18n.forLanguage(language);
    models = new ModelsViewModel(manager, ui::run, work, i18n);
    welcome = new WelcomeViewModel(services.settings, ui.background(), i18n);
    welcome.offer(models.recommendedOffer().orElseThrow());
    row = models.recommended().orElseThrow();
  }

  @AfterEach
  void tearDown() {
    if (models != null) {
      models.close();
      manager.close();
    }
    if (server != null) {
      server.close();
    }
    work.shutdownNow();
    services.close();
  }

  @Test
  void offersTheRecommendedModelWithItsSizeAndLicence() {
    open(null, "en");
    assertThat(welcome.downloadProperty().get()).isEqualTo(WelcomeViewModel.Download.OFFERED);
    assertThat(welcome.downloadTextProperty().get()).isEqualTo("Download Tiny chat Q8_0 (" + dev.tars.models.Bytes.human(file.length) + ", MIT)");
    assertThat(welcome.recommendedWhyProperty().get()).contains(dev.tars.models.Bytes.human(8L << 30) + " of memory", "no checksum");
  }

  @Test
  void aDroppedConnectionResumesTheFileIsVerifiedAndTheChatOpensOnIt() throws Exception {
    open(sha256(file), "en");
    route.dropAt(0.4, 1);
    List<Long> progressAt = new ArrayList<>();
    row.progressProperty().addListener((obs, old, now) -> progressAt.add(System.nanoTime()));

    welcome.download();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.RUNNING, WAIT);
    ui.runUntil(() -> row.progressTextProperty().get().contains("left"), WAIT);
    ui.runUntil(() -> welcome.state() == WelcomeViewModel.State.ACCEPTED, WAIT);

    assertThat(route.rangeHeaders()).as("the second request resumes where the first was cut")
        .hasSize(2).last().asString().startsWith("bytes=");
    assertThat(models.file(row)).isPresent();
    assertThat(Files.readAllBytes(models.file(row).get())).isEqualTo(file);
    assertThat(row.messageProperty().get()).isEqualTo("Installed");
    assertThat(services.settings.get().modelPath()).isEqualTo(models.file(row).get().toAbsolutePath().toString());
    assertThat(services.settings.get().engine()).isEqualTo(EngineChoice.LOCAL);
    assertThat(welcome.downloadTextProperty().get()).isEqualTo("Tiny chat Q8_0 is ready. Opening the chat…");
    assertThat(progressAt.size()).isGreaterThan(5);
    // The trickling server sends bytes all along; the page must hear of them at least once a second.
    for (int i = 1; i < progressAt.size(); i++) {
      assertThat((progressAt.get(i) - progressAt.get(i - 1)) / 1e9).as("seconds between progress updates")
          .isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void aFileThatDoesNotMatchItsChecksumIsRefusedAndNotUsed() throws Exception {
    open("0".repeat(64), "en");
    welcome.download();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.FAILED, WAIT);
    assertThat(welcome.downloadErrorProperty().get()).startsWith("The download stopped: ").containsIgnoringCase("checksum");
    assertThat(services.settings.get().modelPath()).isEmpty();
    assertThat(welcome.state()).isNotEqualTo(WelcomeViewModel.State.ACCEPTED);
  }

  @Test
  void aFailedDownloadSaysWhyAndRetryFetchesIt() throws Exception {
    open(sha256(file), "es");
    route.failWith(404, 1);
    welcome.download();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.FAILED, WAIT);
    assertThat(welcome.downloadErrorProperty().get()).isEqualTo("La descarga se detuvo: El archivo no está en el"
        + " servidor (HTTP 404): " + server.uri("/tiny.gguf") + ". Puede que el enlace del catálogo esté anticuado;"
        + " actualiza Tars o descarga el archivo tú e impórtalo.");
    assertThat(row.messageProperty().get()).as("the Models page says it in Spanish too")
        .startsWith("El archivo no está en el servidor");

    welcome.download();
    ui.runUntil(() -> welcome.state() == WelcomeViewModel.State.ACCEPTED, WAIT);
    assertThat(welcome.downloadErrorProperty().get()).isEmpty();
    assertThat(services.settings.get().modelPath()).endsWith("tiny.gguf");
  }

  @Test
  void aDamagedFileIsExplainedInSpanish() throws Exception {
    open("0".repeat(64), "es");
    welcome.download();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.FAILED, WAIT);
    assertThat(welcome.downloadErrorProperty().get()).isEqualTo("La descarga se detuvo: El archivo descargado está"
        + " dañado: su suma SHA-256 es " + sha256(file).substring(0, 12) + "... pero debería ser 000000000000..."
        + " Se ha borrado; vuelve a descargarlo (si sigue pasando, la entrada del catálogo o el servidor están"
        + " mal).");
  }

  @Test
  void aServerThatKeepsFailingIsExplainedInSpanishWithTheTriesMade() throws Exception {
    open(sha256(file), "es");
    route.failWith(503, 10);
    welcome.download();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.FAILED, WAIT);
    assertThat(welcome.downloadErrorProperty().get()).isEqualTo("La descarga se detuvo: El servidor tuvo un problema"
        + " (HTTP 503). Tars lo intentó 3 veces y desistió; vuelve a intentarlo más tarde.");
    assertThat(welcome.downloadProperty().get()).isEqualTo(WelcomeViewModel.Download.FAILED);
  }

  @Test
  void noNetworkIsExplainedInSpanish() throws Exception {
    open(sha256(file), "es");
    String host = server.uri("/").getHost();
    server.close();
    server = null;
    welcome.download();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.FAILED, WAIT);
    assertThat(welcome.downloadErrorProperty().get()).isEqualTo("La descarga se detuvo: No se puede contactar con "
        + host + ". Comprueba la conexión a internet. Tars lo intentó 3 veces y desistió; vuelve a intentarlo más"
        + " tarde.");
  }

  @Test
  void pauseKeepsThePartAndResumeFinishesIt() throws Exception {
    open(sha256(file), "en");
    route.trickle(2 * 1024, 40);
    welcome.download();
    ui.runUntil(() -> row.progressProperty().get() > 0.2, WAIT);
    welcome.pause();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.PAUSED, WAIT);
    double kept = row.progressProperty().get();
    assertThat(kept).isGreaterThan(0.2).isLessThan(1);

    welcome.download();
    ui.runUntil(() -> welcome.state() == WelcomeViewModel.State.ACCEPTED, WAIT);
    assertThat(route.rangeHeaders().getLast()).startsWith("bytes=");
  }

  @Test
  void cancelGoesBackToTheOffer() throws Exception {
    open(null, "en");
    route.trickle(1024, 50);
    welcome.download();
    ui.runUntil(() -> row.progressProperty().get() > 0.05, WAIT);
    welcome.cancel();
    ui.runUntil(() -> welcome.downloadProperty().get() == WelcomeViewModel.Download.OFFERED, WAIT);
    assertThat(services.settings.get().modelPath()).isEmpty();
    assertThat(manager.installed()).isEmpty();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
