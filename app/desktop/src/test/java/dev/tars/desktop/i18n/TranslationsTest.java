package dev.tars.desktop.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every visible text comes from the {@code messages} bundles, in English and Spanish: no literal text in FXML or
 * in the desktop's Java code, and no key that one language has and the other lacks.
 */
class TranslationsTest {
  private static final Path MAIN_JAVA = Path.of("src/main/java");
  private static final Path MAIN_RESOURCES = Path.of("src/main/resources");
  private static final String BUNDLE = "/dev/tars/desktop/messages";

  /** Texts that are the same in every language: the product's name and example input. */
  private static final Set<String> UNTRANSLATED = Set.of("Tars", "http://localhost:8080/v1");

  private static final Pattern FXML_TEXT = Pattern.compile(
      "\\b(text|promptText|title|headerText|contentText|accessibleText)=\"([^\"]*)\"");
  private static final Pattern JAVA_TEXT = Pattern.compile(
      "(\\.(setText|setPromptText|setTitle|setHeaderText|setContentText|setAccessibleText|appendText)"
          + "|new (Label|Button|Tooltip|CheckBox|RadioButton|MenuItem|Menu|Tab|Hyperlink|ToggleButton|TitledPane"
          + "|Text|ExtensionFilter))\\(\"([^\"]*)\"");
  /** Sentences built in view models: a property set to a literal with words in it. */
  private static final Pattern VIEW_MODEL_SENTENCE = Pattern.compile("\\.set\\(\"([^\"]*[A-Za-z]+ [A-Za-z]+[^\"]*)\"");

  @Test
  void fxmlFilesTakeEveryVisibleTextFromTheBundle() throws IOException {
    List<String> literals = new ArrayList<>();
    for (Path fxml : files(MAIN_RESOURCES, ".fxml")) {
      Matcher m = FXML_TEXT.matcher(Files.readString(fxml));
      while (m.find()) {
        String value = m.group(2);
        if (isVisibleLiteral(value) && !value.startsWith("%") && !value.startsWith("$")) {
          literals.add(MAIN_RESOURCES.relativize(fxml) + ": " + m.group(1) + "=\"" + value + "\"");
        }
      }
    }
    assertThat(literals).as("literal texts in FXML; use text=\"%%key\" and add the key to messages*.properties")
        .isEmpty();
  }

  @Test
  void desktopCodeSetsNoLiteralVisibleText() throws IOException {
    List<String> literals = new ArrayList<>();
    for (Path java : files(MAIN_JAVA, ".java")) {
      String code = Files.readString(java);
      Matcher m = JAVA_TEXT.matcher(code);
      while (m.find()) {
        if (isVisibleLiteral(m.group(4))) {
          literals.add(MAIN_JAVA.relativize(java) + ": " + m.group());
        }
      }
      if (java.getFileName().toString().endsWith("ViewModel.java")) {
        Matcher sentence = VIEW_MODEL_SENTENCE.matcher(code);
        while (sentence.find()) {
          literals.add(MAIN_JAVA.relativize(java) + ": " + sentence.group());
        }
      }
    }
    assertThat(literals).as("literal texts in view code; use I18n.get(key) and add the key to messages*.properties")
        .isEmpty();
  }

  /** A key asked for by its whole name ({@code texts.get("a.b")}); names ending in a dot are prefixes. */
  private static final Pattern KEY_LOOKUP = Pattern.compile("\\btexts\\.(get|format)\\(([^;{}]*)");
  private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][\\w-]*(\\.[\\w-]+)+)\"");

  @Test
  void everyKeyTheCodeAsksForExists() throws IOException {
    Properties english = load(BUNDLE + ".properties");
    List<String> missing = new ArrayList<>();
    for (Path java : files(MAIN_JAVA, ".java")) {
      Matcher m = KEY_LOOKUP.matcher(Files.readString(java));
      while (m.find()) {
        Matcher literal = KEY_LITERAL.matcher(m.group(2));
        while (literal.find()) {
          if (!english.containsKey(literal.group(1))) {
            missing.add(MAIN_JAVA.relativize(java) + ": " + literal.group(1));
          }
        }
      }
    }
    assertThat(missing).as("keys used in code but missing from messages.properties (the raw key would show)")
        .isEmpty();
  }

  @Test
  void englishAndSpanishHaveTheSameKeys() {
    Properties english = load(BUNDLE + ".properties");
    Properties spanish = load(BUNDLE + "_es.properties");
    assertThat(english).as("the English bundle").isNotEmpty();
    Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
    onlyEnglish.removeAll(spanish.stringPropertyNames());
    Set<String> onlySpanish = new TreeSet<>(spanish.stringPropertyNames());
    onlySpanish.removeAll(english.stringPropertyNames());
    assertThat(onlyEnglish).as("keys without a Spanish text").isEmpty();
    assertThat(onlySpanish).as("Spanish keys without an English text").isEmpty();
  }

  @Test
  void everyTextIsAValidPatternWithTheSameArgumentsInBothLanguages() {
    Properties english = load(BUNDLE + ".properties");
    Properties spanish = load(BUNDLE + "_es.properties");
    List<String> problems = new ArrayList<>();
    for (String key : english.stringPropertyNames()) {
      String en = english.getProperty(key);
      String es = spanish.getProperty(key, en);
      try {
        int enArgs = new MessageFormat(en).getFormatsByArgumentIndex().length;
        int esArgs = new MessageFormat(es).getFormatsByArgumentIndex().length;
        if (enArgs != esArgs) {
          problems.add(key + ": English uses " + enArgs + " arguments, Spanish " + esArgs);
        }
      } catch (IllegalArgumentException e) {
        problems.add(key + ": " + e.getMessage());
      }
      if (en.contains("'") || es.contains("'")) {
        problems.add(key + ": a plain ' is eaten by MessageFormat; write ’");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theDesktopHasOneBundle() throws IOException {
    List<Path> bundles = files(MAIN_RESOURCES, ".properties");
    assertThat(bundles).extracting(p -> MAIN_RESOURCES.relativize(p).toString().replace('\\', '/'))
        .containsExactlyInAnyOrder("dev/tars/desktop/messages.properties", "dev/tars/desktop/messages_es.properties");
  }

  private static boolean isVisibleLiteral(String value) {
    return value.codePoints().anyMatch(Character::isLetter) && !UNTRANSLATED.contains(value);
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = TranslationsTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
