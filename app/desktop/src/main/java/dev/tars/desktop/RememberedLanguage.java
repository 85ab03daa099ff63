package dev.tars.desktop;

import dev.tars.config.AppPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language setting, copied into a one-line file in the data home ({@code language}) whenever it is saved,
 * so the window's first frame can be drawn in the person's language before the database is open (the settings
 * live there, and opening it takes seconds). The database stays the source of truth: the copy is refreshed on
 * every start, and a missing or odd file only means the first second follows this computer's language.
 */
final class RememberedLanguage {
  private static final Logger LOG = LoggerFactory.getLogger(RememberedLanguage.class);
  /** A BCP 47 tag as the settings hold it ("es", "en-GB"), or empty for "this computer's language". */
  private static final Pattern TAG = Pattern.compile("[A-Za-z]{0,8}(-[A-Za-z0-9]{1,8}){0,3}");

  private final Path file;

  RememberedLanguage(AppPaths paths) {
    this.file = paths.home().resolve("language");
  }

  /** The language saved last time, or empty (follow this computer) when there is none or it cannot be read. */
  String read() {
    try {
      String tag = Files.readString(file, StandardCharsets.UTF_8).strip();
      return TAG.matcher(tag).matches() ? tag : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Keeps {@code languageTag} for the next start; does the disk work only when it changed. */
  void remember(String languageTag) {
    String tag = languageTag == null ? "" : languageTag.strip();
    if (!TAG.matcher(tag).matches() || tag.equals(read())) {
      return;
    }
    Path incoming = file.resolveSibling("language.tmp");
    try {
      Files.writeString(incoming, tag + "\n", StandardCharsets.UTF_8);
      Files.move(incoming, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Could not remember the language for the next start in {}", file, e);
    }
  }
}
