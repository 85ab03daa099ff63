package dev.tars.knowledge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.Fixtures;
import dev.tars.knowledge.document.DocumentRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsParsingIT {
  private static final DocumentParser PARSER = new DocumentParser(null);
  @TempDir Path dir;

  private static String all(ParsedDocument d) {
    return String.join("\n", d.blocks().stream().map(Block::text).toList());
  }

  @Test
  void pdfPagesKeepTheirNumbers() throws Exception {
    ParsedDocument d = PARSER.parse(Fixtures.pdf(dir.resolve("a.pdf"), "Alpha page text here.", "Beta page text."),
        DocumentParser.Stage.NONE);
    assertThat(d.pages()).isEqualTo(2);
    assertThat(d.blocks()).anySatisfy(b -> {
      assertThat(b.text()).contains("Beta page");
      assertThat(b.page()).isEqualTo(2);
    });
    assertThat(d.blocks()).filteredOn(b -> b.text().contains("Alpha")).allMatch(b -> b.page() == 1);
  }

  @Test
  void wordHeadingsAreMarkedAsHeadings() throws Exception {
    ParsedDocument d = PARSER.parse(Fixtures.docx(dir.resolve("a.docx"), "Installation", "Run the installer twice.",
        "Removal", "Delete the folder."), DocumentParser.Stage.NONE);
    assertThat(d.blocks()).contains(new Block(0, true, "Installation"), new Block(0, false, "Run the installer twice."));
  }

  @Test
  void slidesBecomePages() throws Exception {
    ParsedDocument d = PARSER.parse(Fixtures.pptx(dir.resolve("a.pptx"), "First slide words", "Second slide words"),
        DocumentParser.Stage.NONE);
    assertThat(d.blocks()).filteredOn(b -> b.text().contains("Second slide")).allMatch(b -> b.page() == 2);
  }

  @Test
  void spreadsheetsOdtEpubHtmlMarkdownAndCodeAreRead() throws Exception {
    assertThat(all(PARSER.parse(Fixtures.xlsx(dir.resolve("a.xlsx"), "Budget", new String[][] {{"Item", "Cost"},
        {"Telescope", "1200"}}), DocumentParser.Stage.NONE))).contains("Telescope").contains("1200");
    assertThat(all(PARSER.parse(Fixtures.odt(dir.resolve("a.odt"), "Garden", "Tomatoes need sun."),
        DocumentParser.Stage.NONE))).contains("Tomatoes need sun.");
    assertThat(all(PARSER.parse(Fixtures.epub(dir.resolve("a.epub"), "Book", "Chapter One", "It was a dark night."),
        DocumentParser.Stage.NONE))).contains("It was a dark night.");
    Path html = Fixtures.text(dir.resolve("a.html"), "<html><head><title>T</title><script>var x=1;</script></head>"
        + "<body><h2>Section</h2><p>Paragraph one.</p></body></html>");
    ParsedDocument h = PARSER.parse(html, DocumentParser.Stage.NONE);
    assertThat(h.blocks()).contains(new Block(0, true, "Section"), new Block(0, false, "Paragraph one."));
    assertThat(all(h)).doesNotContain("var x");
    ParsedDocument md = PARSER.parse(Fixtures.text(dir.resolve("a.md"), "# Title\n\nSome text.\n\n## Next\nMore."),
        DocumentParser.Stage.NONE);
    assertThat(md.blocks()).containsExactly(new Block(0, true, "Title"), new Block(0, false, "Some text."),
        new Block(0, true, "Next"), new Block(0, false, "More."));
    ParsedDocument code = PARSER.parse(Fixtures.text(dir.resolve("Main.java"),
        "class Main {\n  int answer() { return 42; }\n}\n"), DocumentParser.Stage.NONE);
    assertThat(all(code)).contains("return 42;");
  }

  @Test
  void gzippedTextIsReadAsTheFileInside() throws Exception {
    Path gz = dir.resolve("changelog.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("Version 2.1 fixed the crash when printing.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(all(PARSER.parse(gz, DocumentParser.Stage.NONE))).contains("fixed the crash when printing");
  }

  @Test
  void badInputsAreRejectedWithAReasonAPersonCanActOn() throws Exception {
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    Path pdf = Fixtures.pdf(dir.resolve("whole.pdf"), "Some text that will be cut off.");
    byte[] pdfBytes = Files.readAllBytes(pdf);
    record Case(Path file, String reasonPart, String spanishPart) {}
    List<Case> cases = List.of(
        new Case(Files.write(dir.resolve("empty.txt"), new byte[0]), "empty", "está vacío"),
        new Case(Files.write(dir.resolve("binary.txt"), random), "binary", "datos binarios"),
        new Case(Files.write(dir.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), "UTF-8", "no es UTF-8 válido"),
        new Case(Fixtures.text(dir.resolve("oneline.txt"), "x".repeat(DocumentParser.MAX_LINE_CHARACTERS + 10)), "single line", "una sola línea"),
        new Case(Fixtures.encryptedPdf(dir.resolve("locked.pdf"), "secret"), "password", "protegido con contraseña"),
        new Case(Files.write(dir.resolve("truncated.pdf"), java.util.Arrays.copyOf(pdfBytes, pdfBytes.length / 3)), "add it again", "añad"),
        new Case(Files.write(dir.resolve("corrupt.docx"), random), "damaged", "dañado"),
        new Case(Fixtures.zipBombDocx(dir.resolve("bomb.docx")), "zip bomb", "bomba zip"),
        new Case(Fixtures.hugePngHeader(dir.resolve("huge.png"), 30000, 30000), "OCR", "reconocimiento de texto (OCR)"));
    for (Case c : cases) {
      String name = c.file().getFileName().toString();
      try {
        PARSER.parse(c.file(), DocumentParser.Stage.NONE);
        throw new AssertionError(name + " was not refused");
      } catch (DocumentRejectedException e) {
        assertThat(e.getMessage()).as(name).contains(c.reasonPart()).isEqualTo(e.reason().english());
        assertThat(e.reason().in(java.util.Locale.forLanguageTag("es-ES"))).as(name).contains(c.spanishPart());
      }
    }
  }
}
