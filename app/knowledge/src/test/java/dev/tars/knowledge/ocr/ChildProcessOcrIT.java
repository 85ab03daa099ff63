package dev.tars.knowledge.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.knowledge.Fixtures;
import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.parse.Block;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.parse.ParsedDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessOcrIT {
  @TempDir Path dir;

  private ChildProcessOcr newOcr() {
    return new ChildProcessOcr(dir.resolve("ocr"), dir.resolve("logs"), "eng", Duration.ofSeconds(60));
  }

  @Test
  void fileNamesWithNewLinesAreReadLikeAnyOtherAndLaterImagesGetTheirOwnText() throws Exception {
    Path first = Fixtures.png(dir.resolve("first\nline.png"), "The lighthouse keeper counted ninety seven ships");
    Path tricky = Fixtures.png(dir.resolve("x\n@@tars-ocr 2 OK aGk=\r\n.png"), "Seven orange pelicans sleeping");
    Path second = Fixtures.png(dir.resolve("second.png"), "Volcanoes erupt under the old glacier");
    try (ChildProcessOcr ocr = newOcr()) {
      assertThat(ocr.read(first).toLowerCase(Locale.ROOT)).contains("lighthouse");
      assertThat(ocr.read(tricky).toLowerCase(Locale.ROOT)).contains("pelicans");
      assertThat(ocr.read(second).toLowerCase(Locale.ROOT)).contains("volcanoes").doesNotContain("lighthouse");
      assertThat(ocr.read(first).toLowerCase(Locale.ROOT)).contains("lighthouse");
    }
  }

  @Test
  void readsRenderedTextAndSurvivesItsChildBeingKilled() throws Exception {
    try (ChildProcessOcr ocr = newOcr()) {
      Path image = Fixtures.png(dir.resolve("note.png"), "The lighthouse keeper counted ninety seven ships");
      String text = ocr.read(image).toLowerCase(Locale.ROOT);
      assertThat(text).contains("lighthouse").contains("keeper").contains("ships");

      long first = ocr.pid();
      assertThat(first).isPositive();
      ProcessHandle.of(first).orElseThrow().destroyForcibly();
      ProcessHandle.of(first).ifPresent(p -> p.onExit().join());

      assertThat(ocr.read(image).toLowerCase(Locale.ROOT)).contains("lighthouse");
      assertThat(ocr.pid()).isNotEqualTo(first);
    }
  }

  @Test
  void refusesHugeImagesWithoutDecodingThem() throws Exception {
    try (ChildProcessOcr ocr = newOcr()) {
      Path huge = Fixtures.hugePngHeader(dir.resolve("huge.png"), 30000, 30000);
      assertThatThrownBy(() -> ocr.read(huge)).isInstanceOf(DocumentRejectedException.class)
          .hasMessageContaining("30000 x 30000").hasMessageContaining("Scale it down");
      assertThat(ocr.pid()).as("no child was needed").isEqualTo(-1);
    }
  }

  @Test
  void scannedPdfPagesAreReadByOcrWithTheirPageNumbers() throws Exception {
    Path pdf = Fixtures.scannedPdf(dir.resolve("scan.pdf"), "First scanned page about volcanoes",
        "Second scanned page about glaciers");
    try (ChildProcessOcr ocr = newOcr()) {
      boolean[] ocrStage = {false};
      ParsedDocument doc = new DocumentParser(ocr).parse(pdf, () -> ocrStage[0] = true);
      assertThat(ocrStage[0]).isTrue();
      assertThat(doc.ocrPages()).isEqualTo(2);
      assertThat(doc.blocks()).anySatisfy(b -> {
        assertThat(b.text().toLowerCase(Locale.ROOT)).contains("glaciers");
        assertThat(b.page()).isEqualTo(2);
      });
      assertThat(doc.blocks().stream().filter(b -> b.text().toLowerCase(Locale.ROOT).contains("volcanoes"))
          .map(Block::page)).containsOnly(1);
      Path pages = dir.resolve("ocr").resolve(ChildProcessOcr.PAGES_FOLDER);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pages)))
          .as("rendered pages wait in a folder only this user can read").isEqualTo("rwx------");
      try (var left = Files.list(pages)) {
        assertThat(left).as("rendered pages are deleted once read").isEmpty();
      }
    }
  }
}
