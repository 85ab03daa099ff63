package dev.tars.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Prompts, answers, notes, documents' text, what was said aloud and keys never reach the log above DEBUG.
 * The log calls of every module's main code are read as source (their arguments are what matters, which
 * bytecode rules cannot see), and an INFO, WARN or ERROR call is refused when an argument is a value that
 * holds such text by name: an accessor like {@code .text()} or {@code .content()}, or a variable like
 * {@code prompt}, {@code json} or {@code apiKey}. Such a value may be logged at DEBUG, or described by its
 * size or id instead. The check cannot see private text hidden under another name or inside an exception's
 * message; those are for review (see docs/security.md).
 */
class LogCallsKeepPrivateTextOutTest {
  private static final Pattern LOG_CALL =
      Pattern.compile("\\b(?:LOG|LOGGER|log|logger)\\s*\\.\\s*(?:info|warn|error)\\s*\\(");
  private static final Pattern LITERALS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'");
  /** Accessors whose value is private text or a secret. */
  private static final Pattern PRIVATE_ACCESSOR = Pattern.compile("\\.(?:text|content|prompt|answer|question"
      + "|transcript|snippet|passage|body|originalArgs|apiKey|password|secret)\\s*\\(\\s*\\)|\\bpreview\\s*\\(");
  /** Variables named after private text or a secret, used as a value (not as {@code json.length()}). */
  private static final Pattern PRIVATE_VARIABLE = Pattern.compile("\\b(?:text|content|prompt|answer|question"
      + "|transcript|json|body|apiKey|password|secret)\\b(?!\\s*[.(])");

  @Test
  void noModuleLogsPrivateTextAboveDebug() throws IOException {
    List<String> offending = new ArrayList<>();
    Path app = appFolder();
    try (Stream<Path> modules = Files.list(app)) {
      for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> sources = Files.walk(main)) {
          for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
            offending.addAll(offendingCalls(Files.readString(file)).stream()
                .map(call -> app.relativize(file) + ": " + call).toList());
          }
        }
      }
    }
    assertThat(offending).as("log calls above DEBUG with private text or a secret in their arguments").isEmpty();
  }

  @Test
  void theCheckCatchesTheShapesItIsMeantFor() {
    assertThat(offendingCalls("""
        LOG.info("Extraction answer cut off after {} tokens: {}", completion.completionTokens(),
            completion.text().length() > 300 ? completion.text().substring(0, 300) : completion.text());
        LOG.warn("Unexpected Vosk result {}", json, e);
        log.error("Command failed: {}", String.join(" ", parseResult.originalArgs()), e);
        LOG.info("Key {}", settings.apiKey());
        LOG.info("Asked: {}", prompt);
        """)).hasSize(5);
    assertThat(offendingCalls("""
        LOG.debug("The answer began: {}", completion.text());
        LOG.info("Extraction answer cut off after {} tokens", completion.completionTokens());
        LOG.warn("Ignoring a result that is not JSON ({} characters)", json.length());
        LOG.info("Saved the text of {} (\\"quoted (text)\\" in a literal)", document.id());
        """)).isEmpty();
  }

  /** The INFO, WARN and ERROR log calls in {@code source} with a private value among their arguments. */
  static List<String> offendingCalls(String source) {
    List<String> found = new ArrayList<>();
    Matcher call = LOG_CALL.matcher(source);
    while (call.find()) {
      String arguments = LITERALS.matcher(arguments(source, call.end())).replaceAll("\"\"");
      if (PRIVATE_ACCESSOR.matcher(arguments).find() || PRIVATE_VARIABLE.matcher(arguments).find()) {
        int line = (int) source.substring(0, call.start()).chars().filter(c -> c == '\n').count() + 1;
        found.add("line " + line + ": " + source.substring(call.start(), Math.min(source.length(),
            call.end() + 160)).replaceAll("\\s+", " "));
      }
    }
    return found;
  }

  /** The text between a call's opening parenthesis (just before {@code from}) and its closing one. */
  private static String arguments(String source, int from) {
    int depth = 1;
    int i = from;
    boolean inString = false;
    while (i < source.length() && depth > 0) {
      char c = source.charAt(i);
      if (c == '\\' && inString) {
        i += 2;
        continue;
      }
      if (c == '"') {
        inString = !inString;
      } else if (!inString && c == '(') {
        depth++;
      } else if (!inString && c == ')') {
        depth--;
      }
      i++;
    }
    return source.substring(from, Math.max(from, i - 1));
  }

  /** {@code app/}, found from the module the test runs in (Maven runs it in {@code app/core}). */
  private static Path appFolder() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("app/core/src/main/java"))) {
        return p.resolve("app");
      }
      if (p.getFileName() != null && p.getFileName().toString().equals("app")
          && Files.isDirectory(p.resolve("core/src/main/java"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the app/ folder from " + Path.of("").toAbsolutePath());
  }
}
