package dev.tars.knowledge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** HTML fragments that declare no charset (as FreedomBox's manual pages) keep their accented letters. */
class UndeclaredUtf8HtmlIT {
  private static final DocumentParser PARSER = new DocumentParser(null);
  @TempDir Path dir;

  private String parse(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return PARSER.parse(file, DocumentParser.Stage.NONE).blocks().stream().map(Block::text)
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "es|Diagnósticos|La prueba de diagnóstico del sistema ejecutará varias verificaciones sobre tu sistema para "
          + "confirmar que las aplicaciones y servicios están funcionando como se espera.|Sólo haz clic|Esto puede "
          + "llevar varios minutos.",
      "fr|Diagnostics|Le test de diagnostic du système exécutera plusieurs vérifications pour confirmer que les "
          + "applications et les services fonctionnent comme prévu.|Cliquez seulement sur|Cela peut prendre "
          + "plusieurs minutes, même davantage.",
      "de|Diagnose|Die Systemdiagnose führt mehrere Prüfungen durch, um zu bestätigen, dass Anwendungen und "
          + "Dienste wie erwartet laufen.|Klicken Sie nur auf|Das kann einige Minuten dauern; währenddessen bitte "
          + "nichts ändern.",
      "pt|Diagnósticos|O teste de diagnóstico do sistema executará várias verificações para confirmar que as "
          + "aplicações e serviços estão a funcionar como se espera.|Só tem de clicar|Isto pode demorar vários "
          + "minutos.",
      "ca|Diagnòstics|La prova de diagnòstic del sistema executarà diverses verificacions per confirmar que les "
          + "aplicacions i els serveis funcionen com s'espera.|Només cal fer clic|Això pot trigar diversos minuts."})
  void manualPagesWithoutCharsetAreReadAsUtf8(String language, String heading, String paragraph, String click,
      String wait) throws Exception {
    // The markup of a FreedomBox manual page (Debian's freedombox-doc-es), which Tika alone read as GB18030.
    String html = "<section class=\"article\" id=\"idm1\"><div class=\"titlepage\"><div><div><h2 class=\"title\">"
        + "Diagnostics</h2></div></div><hr/></div><div class=\"toc\"><div class=\"toc-title\">Table of Contents</div>"
        + "<ul class=\"toc\"><li><span class=\"section\"><a href=\"#idm4\">" + heading + "</a></span></li></ul></div>"
        + "<section class=\"section\" id=\"idm4\"><div class=\"titlepage\"><div><div><h2 class=\"title\" "
        + "style=\"clear: both\">" + heading + "</h2></div></div></div><p>" + paragraph + " </p><p>" + click
        + " <span class=\"emphasis\"><em>" + heading + "</em></span>. " + wait + " </p></section></section>";
    String text = parse(language + ".part.html", html.getBytes(StandardCharsets.UTF_8));
    assertThat(text).contains(heading).contains(paragraph).contains(click).contains(wait);
  }

  @Test
  void aDeclaredCharsetStillWins() throws Exception {
    String html = "<html><head><meta charset=\"ISO-8859-1\"></head><body><p>Configuración del menú</p></body></html>";
    assertThat(parse("latin1.html", html.getBytes(StandardCharsets.ISO_8859_1))).contains("Configuración del menú");
  }

  @Test
  void undeclaredLatin1IsStillGuessed() throws Exception {
    String html = "<p>La configuración de la red se guarda en el menú del sistema después de pulsar el botón.</p>"
        .repeat(20);
    String text = parse("legacy.html", html.getBytes(Charset.forName("windows-1252")));
    assertThat(text).contains("configuración").contains("menú");
  }

  @Test
  void utf8CheckAcceptsACharacterCutByTheSampleEndOnlyInAPrefix() {
    byte[] cut = {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82};
    assertThat(Utf8FirstEncodingDetector.Utf8.isValidWithNonAscii(cut, true)).isTrue();
    assertThat(Utf8FirstEncodingDetector.Utf8.isValidWithNonAscii(cut, false)).isFalse();
    assertThat(Utf8FirstEncodingDetector.Utf8.isValidWithNonAscii(new byte[] {'a', (byte) 0xe9, 'b'}, false)).isFalse();
    assertThat(Utf8FirstEncodingDetector.Utf8.isValidWithNonAscii(new byte[] {(byte) 0xc0, (byte) 0xaf}, false)).isFalse();
    assertThat(Utf8FirstEncodingDetector.Utf8.isValidWithNonAscii("plain".getBytes(StandardCharsets.UTF_8), false))
        .isFalse();
  }
}
