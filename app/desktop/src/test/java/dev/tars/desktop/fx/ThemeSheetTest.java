package dev.tars.desktop.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The window's theme is set from AtlantaFX's binary stylesheet (decision 1451): it must load in this JavaFX (the
 * binary format has a version) and hold the same rules as the CSS text it was made from, in light and dark.
 */
class ThemeSheetTest {
  @Test
  void theBinaryThemeLoadsWithTheSameRulesAsItsCss() throws Exception {
    for (boolean dark : new boolean[] {false, true}) {
      var theme = ThemeSheet.of(dark);
      assertThat(theme.getUserAgentStylesheetBSS()).endsWith(".bss");
      Stylesheet binary = Stylesheet.loadBinary(resource(theme.getUserAgentStylesheetBSS()));
      Stylesheet text = new CssParser().parse(resource(theme.getUserAgentStylesheet()));
      assertThat(binary).as("loaded by this JavaFX").isNotNull();
      assertThat(binary.getRules()).hasSameSizeAs(text.getRules()).hasSizeGreaterThan(500);
      assertThat(selectors(binary.getRules())).isEqualTo(selectors(text.getRules()));
      assertThat(declarations(binary.getRules())).isEqualTo(declarations(text.getRules()));
    }
  }

  private static java.net.URL resource(String path) throws Exception {
    var url = ThemeSheet.class.getResource(path.startsWith("/") ? path : "/" + path);
    return url != null ? url : URI.create(path).toURL();
  }

  private static List<String> selectors(List<Rule> rules) {
    return rules.stream().map(rule -> rule.getSelectors().toString()).toList();
  }

  private static List<String> declarations(List<Rule> rules) {
    return rules.stream().map(rule -> rule.getDeclarations().stream()
        .map(d -> d.getProperty()).toList().toString()).toList();
  }
}
