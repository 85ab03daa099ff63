package dev.tars.knowledge.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import dev.tars.knowledge.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The OCR child's native code comes from the system, its temp folder is private, its log is the data home's. */
@EnabledOnOs(OS.LINUX)
class OcrChildIsolationIT {
  @TempDir Path dir;

  /**
   * The attack of issue 15 item 7: someone who can write the child's {@code ${java.io.tmpdir}/tess4j/<platform>}
   * folder puts a libtesseract there. A copy of the real library stands in for the attacker's (it must load for
   * OCR to go on); the child's memory map shows which file it runs.
   */
  @Test
  void aLibtesseractPlantedInTheChildsTempFolderIsNeverLoaded() throws Exception {
    Optional<Path> system = SystemTesseract.find(SystemTesseract.systemLibraryFolders());
    assumeTrue(system.isPresent(), "needs the system's libtesseract5");
    Path work = dir.resolve("ocr");
    Path plantedFolder = work.resolve(OcrChildLauncher.TEMP_FOLDER).resolve("tess4j")
        .resolve(Platform.RESOURCE_PREFIX);
    Files.createDirectories(plantedFolder);
    Path planted = Files.copy(system.get(), plantedFolder.resolve("libtesseract.so"));
    Path image = Fixtures.png(dir.resolve("note.png"), "The lighthouse keeper counted ninety seven ships");

    try (ChildProcessOcr ocr = new ChildProcessOcr(work, dir.resolve("logs"), "eng", Duration.ofSeconds(60))) {
      assertThat(ocr.read(image).toLowerCase(Locale.ROOT)).contains("lighthouse");
      String maps = Files.readString(Path.of("/proc", Long.toString(ocr.pid()), "maps"));

      assertThat(maps).contains(system.get().toRealPath().toString());
      assertThat(maps).doesNotContain(planted.toString()).doesNotContain(plantedFolder.toString());
    }
  }

  @Test
  void theChildGetsAPrivateTempFolderAndLogsToTheDataHomesLogs() throws Exception {
    Path work = dir.resolve("ocr");
    Path logs = dir.resolve("logs");

    ProcessBuilder builder = OcrChildLauncher.processBuilder(work, logs, "eng");

    Path temp = work.resolve(OcrChildLauncher.TEMP_FOLDER);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work))).isEqualTo("rwx------");
    assertThat(builder.command()).contains("-Djava.io.tmpdir=" + temp, "-Djna.tmpdir=" + temp,
        "-Dtars.logs=" + logs.toAbsolutePath(), "-Dtars.logfile=" + OcrChildLauncher.LOG_NAME);
    assertThat(builder.environment()).containsEntry("OMP_THREAD_LIMIT", "1");
  }

  @Test
  void anExistingTempFolderIsMadePrivateAgain() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("ocr").resolve(OcrChildLauncher.TEMP_FOLDER));
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));

    OcrChildLauncher.processBuilder(dir.resolve("ocr"), dir.resolve("logs"), "eng");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))).isEqualTo("rwx------");
  }
}
