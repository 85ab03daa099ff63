package dev.tars.cli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.cli.CliHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tars ingest} says why a file was not indexed in the language of the settings, which is this computer's
 * language until one is chosen: real files that fail for real (an empty file, a zip archive).
 */
class IngestCommandIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home.resolve("data"));
  private final Locale before = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(before);
  }

  @Test
  void reasonsFollowTheLanguageOfTheSettings() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.write(docs.resolve("empty.txt"), new byte[0]);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(docs.resolve("photos.zip")))) {
      zip.putNextEntry(new ZipEntry("photo.txt"));
      zip.write("a holiday".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }

    Locale.setDefault(Locale.US);
    assertThat(cli.run(new IngestCommand(), docs.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("Collection 'Documents': 2 to index, 0 unchanged, 0 skipped\n")
        .contains("Done in ").endsWith(" s: 0 indexed, 2 failed in the knowledge base.\n");
    assertThat(cli.err()).contains("  failed: " + docs.resolve("empty.txt") + "\n          The file is empty (0 bytes); "
        + "there is nothing to index.\n", "  failed: " + docs.resolve("photos.zip") + "\n          Archives "
        + "(application/zip) are not indexed. Unpack it and add the folder instead.\n");

    Files.write(docs.resolve("empty.txt"), new byte[] {0});
    Locale.setDefault(Locale.forLanguageTag("es-ES"));
    assertThat(cli.run(new IngestCommand(), docs.resolve("empty.txt").toString())).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("Colección 'Documents': 1 por indexar, 0 sin cambios, 0 omitidos\n")
        .contains("Terminado en ")
        .containsPattern(" s: 0 indexados y \\d sin indexar en la base de conocimiento.\n$");
    assertThat(cli.err()).isEqualTo("  no indexado: " + docs.resolve("empty.txt") + "\n          El archivo "
        + "contiene datos binarios aunque su nombre dice que es texto. Puede ser un programa, un archivo comprimido o "
        + "un documento guardado con otra extensión.\n");

    assertThat(cli.run(new IngestCommand(), home.resolve("nowhere").toString())).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("tars: " + home.resolve("nowhere") + " no existe\n");
  }
}
