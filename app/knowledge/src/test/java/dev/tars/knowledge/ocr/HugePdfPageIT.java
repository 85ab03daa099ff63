package dev.tars.knowledge.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.parse.DocumentParser;
import dev.tars.knowledge.parse.ParsedDocument;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 8: a PDF of a few hundred bytes can declare a 14400 x 14400 pt page (200 x 200 inches). Rendered
 * at 200 dpi that is 40000 x 40000 pixels, 1.6 GB of grey, more than this test's whole heap.
 */
class HugePdfPageIT {
  /** Measured about 50 MB for the whole parse (16 MB of pixels, PDFBox, Tika); 1.6 GB would not even fit the heap. */
  private static final long ALLOCATION_BOUND = 256L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void aHugePageIsRenderedWithinThePixelLimitAndItsTextRead() throws Exception {
    Path pdf = hugePagesPdf(dir.resolve("poster.pdf"), 1, "VOLCANO");
    assertThat(Files.size(pdf)).isLessThan(2_000);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    try (ChildProcessOcr ocr = new ChildProcessOcr(dir.resolve("ocr"), dir.resolve("logs"), "eng",
        Duration.ofSeconds(60))) {
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      ParsedDocument doc = new DocumentParser(ocr).parse(pdf, DocumentParser.Stage.NONE);
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(doc.ocrPages()).isEqualTo(1);
      assertThat(doc.blocks()).anySatisfy(b -> assertThat(b.text().toLowerCase(Locale.ROOT)).contains("volcano"));
      assertThat(allocated).as("bytes allocated while parsing").isLessThan(ALLOCATION_BOUND);
      assertThat(took).as("time to parse").isLessThan(Duration.ofSeconds(45));
    }
  }

  @Test
  void manyHugePagesAreRefusedAsPdfPagesBeforeAnyIsRendered() throws Exception {
    Path pdf = hugePagesPdf(dir.resolve("posters.pdf"), 200, null);
    assertThat(Files.size(pdf)).isLessThan(60_000);

    try (ChildProcessOcr ocr = new ChildProcessOcr(dir.resolve("ocr"), dir.resolve("logs"), "eng",
        Duration.ofSeconds(60))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new DocumentParser(ocr).parse(pdf, DocumentParser.Stage.NONE))
          .isInstanceOf(DocumentRejectedException.class)
          .hasMessageContaining("200 scanned PDF pages").hasMessageContaining("Split the PDF")
          .hasMessageNotContaining("image");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(ocr.pid()).as("no page was sent to the OCR process").isEqualTo(-1);
    }
  }

  /** Pages of 14400 x 14400 pt, each with {@code word} (if any) in letters 20 inches tall: a "scanned" page. */
  private static Path hugePagesPdf(Path file, int pages, String word) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage(new PDRectangle(14400, 14400));
        doc.addPage(page);
        if (word != null) {
          try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.beginText();
            cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 1440);
            cs.newLineAtOffset(1440, 7200);
            cs.showText(word);
            cs.endText();
          }
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }
}
