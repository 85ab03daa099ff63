package dev.tars.desktop.models;

import static dev.tars.testkit.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.fx.I18n;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Models page says when an import, a deletion or a speech model's archive is refused, in English and in
 * Spanish, each from a real failure: a text file and a cut-off GGUF, a full disk ({@code /dev/full}), a folder the
 * system will not let Tars change, a damaged zip, a zip without a Vosk model and a zip whose entry escapes.
 */
class ModelRefusalsTest {
  private static final Executor NOW = Runnable::run;

  @TempDir Path home;
  private Path src;
  private LoopbackFileServer server;
  private ModelManager manager;
  private ModelsViewModel english;
  private ModelsViewModel spanish;
  private final AtomicReference<Path> active = new AtomicReference<>();

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectories(home.resolve("src"));
    server = LoopbackFileServer.start();
    // Cut in the middle of its one entry's data, as a broken transfer would leave it.
    byte[] model = zip(Map.of("vosk-model-small-es/am/final.mdl",
        java.util.HexFormat.of().formatHex(LoopbackFileServer.randomBytes(20_000, 7))));
    server.serve("/damaged.zip", java.util.Arrays.copyOf(model, model.length / 2));
    server.serve("/readme.zip", zip(Map.of("vosk-model-small-es/README", "not a model")));
    server.serve("/evil.zip", zip(Map.of("m/../../escaped.txt", "x")));
    ModelCatalog catalog = new ModelCatalog(List.of(speech("voz-rota", "/damaged.zip"),
        speech("voz-sin-modelo", "/readme.zip"), speech("voz-mala", "/evil.zip")));
    manager = new ModelManager(catalog, home.resolve("models"), new Downloader(home.resolve("downloads"),
        DiskSpace.SYSTEM, new Downloader.Options(Duration.ofSeconds(5), Duration.ofSeconds(3), 1,
            Duration.ofMillis(50), 0, 1 << 20)), new ArchiveExtractor(), () -> Optional.ofNullable(active.get()),
        16L << 30);
    english = new ModelsViewModel(manager, NOW, NOW, I18n.forLanguage("en"));
    spanish = new ModelsViewModel(manager, NOW, NOW, I18n.forLanguage("es"));
  }

  @AfterEach
  void tearDown() {
    english.close();
    spanish.close();
    manager.close();
    server.close();
  }

  @Test
  void aFileThatIsNotAModelIsRefusedInBothLanguages() throws Exception {
    Path notes = TestModels.notGguf(src);
    assertThat(importing(english, notes)).isEqualTo(notes + " is not a GGUF model file (it lacks the GGUF "
        + "signature); choose a .gguf model.");
    assertThat(importing(spanish, notes)).isEqualTo(notes + " no es un archivo de modelo GGUF.");
  }

  @Test
  void aCutOffModelIsRefusedInBothLanguages() throws Exception {
    Path cut = TestModels.truncated(src);
    assertThat(importing(english, cut)).startsWith(cut + " is truncated (");
    assertThat(importing(spanish, cut)).isEqualTo(cut + " está incompleto (la descarga se cortó).");
  }

  @Test
  void aDuplicateAndAFolderAreRefusedInBothLanguages() throws Exception {
    Path mine = Files.copy(TestModels.tiny(), src.resolve("mine.gguf"));
    assertThat(importing(english, mine)).startsWith("Imported mine");
    assertThat(importing(english, mine)).isEqualTo("A model file called mine.gguf is already in the models "
        + "folder. Rename the file to import it as another model.");
    assertThat(importing(spanish, mine)).isEqualTo("Ya hay un archivo de modelo llamado mine.gguf en la carpeta "
        + "de modelos. Cámbiale el nombre para importarlo como otro modelo.");
    assertThat(importing(english, src)).isEqualTo(src + " is a folder; choose a .gguf file.");
    assertThat(importing(spanish, src)).isEqualTo(src + " es una carpeta; elige un archivo .gguf.");
  }

  @Test
  void aFullDiskWhileCopyingLosesNothingAndSaysSoInBothLanguages() throws Exception {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "needs Linux's /dev/full, which answers every write with ENOSPC");
    Path big = Files.copy(TestModels.tiny(), src.resolve("big.gguf"));
    Path models = Files.createDirectories(home.resolve("models"));
    for (ModelsViewModel page : List.of(english, spanish)) {
      // The import copies to this hidden name first: pointing it at /dev/full makes the kernel's "disk full".
      Files.createSymbolicLink(models.resolve(".big.gguf.incoming"), full);
      String said = importing(page, big);
      assertThat(said).isEqualTo(page == english
          ? "The disk is full, so big.gguf could not be copied into " + models.toAbsolutePath() + "; nothing was "
              + "imported. Free up some space, then try again."
          : "El disco está lleno, así que big.gguf no se pudo copiar en " + models.toAbsolutePath() + "; no se ha "
              + "importado nada. Libera espacio y vuelve a intentarlo.");
      assertThat(manager.installed()).isEmpty();
      assertThat(models.resolve("big.gguf")).doesNotExist();
    }
    assertThat(big).hasSameBinaryContentAs(TestModels.tiny());
  }

  @Test
  void deletingTheModelInUseIsRefusedInBothLanguages() throws Exception {
    importing(english, Files.copy(TestModels.tiny(), src.resolve("mine.gguf")));
    active.set(home.resolve("models/mine.gguf"));
    english.delete(row(english, "mine"));
    assertThat(english.noticeProperty().get())
        .isEqualTo("mine is the model Tars is using now. Choose another model first, then delete this one.");
    spanish.refresh();
    spanish.delete(row(spanish, "mine"));
    assertThat(spanish.noticeProperty().get())
        .isEqualTo("mine es el modelo que Tars está usando ahora. Elige otro modelo primero y luego borra este.");
  }

  @Test
  void deletingFromAFolderTheSystemLocksKeepsTheModelAndSaysWhyInBothLanguages() throws Exception {
    importing(english, Files.copy(TestModels.tiny(), src.resolve("mine.gguf")));
    Path models = home.resolve("models").toAbsolutePath();
    try (FolderLock lock = FolderLock.lock(models)) {
      english.delete(row(english, "mine"));
      assertThat(english.noticeProperty().get()).isEqualTo("Tars is not allowed to delete mine in " + models
          + "; it is still installed. Check the folder's permissions, then try again.");
      spanish.refresh();
      spanish.delete(row(spanish, "mine"));
      assertThat(spanish.noticeProperty().get()).isEqualTo("Tars no tiene permiso para borrar mine en " + models
          + "; sigue instalado. Comprueba los permisos de la carpeta y vuelve a intentarlo.");
    }
    assertThat(manager.installed("mine")).isPresent();
    assertThat(models.resolve("mine.gguf")).hasSameBinaryContentAs(TestModels.tiny());
  }

  @Test
  void aDamagedSpeechModelArchiveIsRefusedInBothLanguages() {
    assertThat(downloading(english, "voz-rota")).startsWith("Cannot unpack damaged.zip: it is damaged or not a zip "
        + "archive (").endsWith("). Download it again.");
    assertThat(downloading(spanish, "voz-rota")).startsWith("No se puede descomprimir damaged.zip: está dañado o no "
        + "es un archivo zip (").endsWith("). Vuelve a descargarlo.");
  }

  @Test
  void anArchiveWithoutAVoskModelIsRefusedInBothLanguages() {
    assertThat(downloading(english, "voz-sin-modelo")).isEqualTo("readme.zip does not hold a Vosk speech model (it "
        + "has no am/final.mdl or conf/model.conf), so nothing was installed. The catalog link may point to a "
        + "different file; update Tars.");
    assertThat(downloading(spanish, "voz-sin-modelo")).isEqualTo("readme.zip no contiene un modelo de voz de Vosk "
        + "(le faltan am/final.mdl o conf/model.conf), así que no se ha instalado nada. Puede que el enlace del "
        + "catálogo apunte a otro archivo; actualiza Tars.");
    assertThat(manager.installed()).isEmpty();
  }

  @Test
  void anUnsafeArchiveIsRefusedInBothLanguages() {
    assertThat(downloading(english, "voz-mala")).isEqualTo("Refused to unpack evil.zip: the entry "
        + "'m/../../escaped.txt' would be written outside its folder. Nothing was installed; the file may be damaged "
        + "or unsafe.");
    assertThat(downloading(spanish, "voz-mala")).isEqualTo("Tars se negó a descomprimir evil.zip: la entrada "
        + "'m/../../escaped.txt' se escribiría fuera de su carpeta. No se ha instalado nada; puede que el archivo "
        + "esté dañado o no sea seguro.");
  }

  private static String importing(ModelsViewModel page, Path file) {
    page.importFile(file, false);
    return page.noticeProperty().get();
  }

  /** Downloads a catalog model on {@code page} and returns what its row says once the install failed. */
  private static String downloading(ModelsViewModel page, String name) {
    ModelRow row = row(page, name);
    page.download(row);
    waitUntil(() -> row.state() == ModelRow.State.FAILED);
    assertThat(page.noticeProperty().get()).isEqualTo(row.messageProperty().get());
    return row.messageProperty().get();
  }

  private static ModelRow row(ModelsViewModel page, String name) {
    return page.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private CatalogEntry speech(String name, String path) {
    return new CatalogEntry(name, name, ModelKind.SPEECH, ModelFormat.ZIP, null, null, null, 1000, 0, "Apache-2.0",
        server.uri(path), null, path.substring(1), "es");
  }

  private static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var e : new LinkedHashMap<>(entries).entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * A folder in which the system refuses to create, rename or delete files: read-only for an ordinary user, and
   * marked immutable ({@code chattr +i}) for root, whom permissions do not stop. Skips the test where neither works.
   */
  private record FolderLock(Path folder, boolean immutable) implements AutoCloseable {
    static FolderLock lock(Path folder) throws Exception {
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        Assumptions.assumeTrue(run("chattr", "+i", folder.toString()) == 0, "chattr +i is not available here");
      } else {
        Assumptions.assumeTrue(folder.toFile().setWritable(false), "cannot make the folder read-only");
      }
      FolderLock lock = new FolderLock(folder, root);
      try {
        Files.delete(Files.createFile(folder.resolve("probe")));
        lock.close();
        Assumptions.abort("the folder is still writable");
      } catch (IOException expected) {
        // Locked, as wanted.
      }
      return lock;
    }

    @Override
    public void close() throws Exception {
      if (immutable) {
        run("chattr", "-i", folder.toString());
      } else {
        folder.toFile().setWritable(true);
      }
    }

    private static int run(String... command) throws Exception {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start().waitFor();
    }
  }
}
