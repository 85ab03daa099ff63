package dev.tars.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
  @TempDir Path dir;

  @Test
  void zipWithOneTopFolderBecomesTheModelFolder() throws Exception {
    Path zip = zip("vosk.zip", Map.of(
        "vosk-model-small-en-us-0.15/am/final.mdl", "acoustic",
        "vosk-model-small-en-us-0.15/conf/model.conf", "--sample-frequency=16000"));
    Path target = dir.resolve("models/vosk-small-en-us-0.15");

    new ArchiveExtractor().extract(zip, ModelFormat.ZIP, dir.resolve("work"), target);

    assertThat(target.resolve("am/final.mdl")).hasContent("acoustic");
    assertThat(target.resolve("conf/model.conf")).hasContent("--sample-frequency=16000");
    assertThat(dir.resolve("work")).isEmptyDirectory();
  }

  @Test
  void zipWithDotDotEntryIsRefusedAndNothingIsWritten() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("model/readme.txt", "fine");
    entries.put("model/../../evil.txt", "escaped");
    Path zip = zip("evil.zip", entries);
    Path target = dir.resolve("models/evil");

    assertThatThrownBy(() -> new ArchiveExtractor().extract(zip, ModelFormat.ZIP, dir.resolve("work"), target))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("Refused to unpack evil.zip")
        .hasMessageContaining("'model/../../evil.txt' would be written outside its folder");
    assertThat(target).doesNotExist();
    assertThat(dir.resolve("evil.txt")).doesNotExist();
    assertThat(dir.resolve("work")).isEmptyDirectory();
  }

  @Test
  void absoluteEntryIsRefused() throws Exception {
    Path zip = zip("abs.zip", Map.of("/tmp/evil.txt", "x"));
    assertThatThrownBy(() -> new ArchiveExtractor().extract(zip, ModelFormat.ZIP, dir.resolve("w"),
        dir.resolve("t"))).hasMessageContaining("absolute path");
  }

  @Test
  void tarGzIsUnpackedAndASymlinkInsideIsRefused() throws Exception {
    Path good = tarGz("good.tar.gz", false);
    new ArchiveExtractor().extract(good, ModelFormat.TAR_GZ, dir.resolve("w"), dir.resolve("good"));
    assertThat(dir.resolve("good/graph/HCLr.fst")).hasContent("graph");

    Path linked = tarGz("link.tar.gz", true);
    assertThatThrownBy(() -> new ArchiveExtractor().extract(linked, ModelFormat.TAR_GZ, dir.resolve("w"),
        dir.resolve("linked"))).hasMessageContaining("is a link");
    assertThat(dir.resolve("linked")).doesNotExist();
  }

  @Test
  void archiveWithTooManyEntriesIsRefused() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      entries.put("m/f" + i, "x");
    }
    Path zip = zip("many.zip", entries);
    assertThatThrownBy(() -> new ArchiveExtractor(new ArchiveExtractor.Limits(10, 1_000_000, 100))
        .extract(zip, ModelFormat.ZIP, dir.resolve("w"), dir.resolve("t")))
        .hasMessageContaining("more than 10 files");
    assertThat(dir.resolve("t")).doesNotExist();
  }

  @Test
  void archiveUnpackingPastTheSizeLimitIsRefused() throws Exception {
    Path zip = zip("big.zip", Map.of("m/a", "a".repeat(5000)));
    assertThatThrownBy(() -> new ArchiveExtractor(new ArchiveExtractor.Limits(10, 1000, 1_000_000))
        .extract(zip, ModelFormat.ZIP, dir.resolve("w"), dir.resolve("t")))
        .hasMessageContaining("more than 1.0 KB");
  }

  @Test
  void zipBombIsRefusedByItsCompressionRatio() throws Exception {
    Path zip = dir.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("m/zeros"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 20; i++) {
        out.write(zeros);
      }
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isLessThan(100_000);
    assertThatThrownBy(() -> new ArchiveExtractor().extract(zip, ModelFormat.ZIP, dir.resolve("w"),
        dir.resolve("t"))).hasMessageContaining("zip bomb");
    assertThat(dir.resolve("w")).isEmptyDirectory();
  }

  @Test
  void damagedArchiveGetsAMessageSayingToDownloadAgain() throws Exception {
    Path junk = dir.resolve("junk.zip");
    Files.write(junk, "this is not a zip".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> new ArchiveExtractor().extract(junk, ModelFormat.ZIP, dir.resolve("w"),
        dir.resolve("t"))).hasMessageContaining("damaged").hasMessageContaining("Download it again");
  }

  @Test
  void existingTargetIsNeverOverwritten() throws Exception {
    Path zip = zip("v.zip", Map.of("m/a", "new"));
    Path target = Files.createDirectories(dir.resolve("t"));
    Files.writeString(target.resolve("a"), "old");
    assertThatThrownBy(() -> new ArchiveExtractor().extract(zip, ModelFormat.ZIP, dir.resolve("w"), target))
        .hasMessageContaining("already installed");
    assertThat(target.resolve("a")).hasContent("old");
  }

  private Path zip(String name, Map<String, String> entries) throws IOException {
    Path zip = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (var e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }

  private Path tarGz(String name, boolean withSymlink) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      byte[] graph = "graph".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("model/graph/HCLr.fst");
      entry.setSize(graph.length);
      tar.putArchiveEntry(entry);
      tar.write(graph);
      tar.closeArchiveEntry();
      if (withSymlink) {
        TarArchiveEntry link = new TarArchiveEntry("model/passwd", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/passwd");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }
}
