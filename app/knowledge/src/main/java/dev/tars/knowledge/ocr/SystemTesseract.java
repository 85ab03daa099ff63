package dev.tars.knowledge.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the OCR child load the operating system's libtesseract rather than anything in a temp folder.
 *
 * <p>tess4j adds {@code ${java.io.tmpdir}/tess4j/<platform>} to JNA's library path, and JNA takes the first
 * {@code libtesseract.so} it finds there; whoever can write that folder chooses the code this process runs.
 * The child's temp folder is private ({@link OcrChildLauncher}); on top of that, where the system has a
 * libtesseract in a root-owned library folder, a link to it is put first on JNA's path in a folder created
 * here with a random name (so even a hostile temp folder cannot have prepared it). Debian ships only
 * {@code libtesseract.so.5} (the {@code .so} link comes with the -dev package), which JNA's own search would
 * not prefer over an unversioned file.
 */
final class SystemTesseract {
  private static final Logger LOG = LoggerFactory.getLogger(SystemTesseract.class);
  private static final String LIBRARY = "libtesseract.so";
  /** tess4j 5.14 binds Tesseract 5's API. */
  private static final String SONAME = "libtesseract.so.5";

  private SystemTesseract() {}

  /**
   * Call before anything touches tess4j. Does nothing where no system library is found (Windows, macOS).
   *
   * @return the folder holding the link, to {@link #removeLink remove} once the library is loaded
   */
  static Optional<Path> preferSystemLibrary() throws IOException {
    Optional<Path> system = find(systemLibraryFolders());
    if (system.isEmpty()) {
      LOG.info("No system libtesseract found; tess4j's own search applies");
      return Optional.empty();
    }
    Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "system-tesseract-");
    Files.createSymbolicLink(folder.resolve(LIBRARY), system.get());
    String current = System.getProperty("jna.library.path");
    System.setProperty("jna.library.path",
        current == null || current.isBlank() ? folder.toString() : folder + java.io.File.pathSeparator + current);
    LOG.info("Using the system's {}", system.get());
    return Optional.of(folder);
  }

  /** The loaded library stays mapped; the link is not needed any more (a killed child would leave it behind). */
  static void removeLink(Path folder) {
    try {
      Files.deleteIfExists(folder.resolve(LIBRARY));
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      LOG.debug("Cannot remove {}", folder, e);
    }
  }

  /** The first {@code libtesseract.so.5} in {@code folders}, if any. */
  static Optional<Path> find(List<Path> folders) {
    return folders.stream().map(folder -> folder.resolve(SONAME)).filter(Files::isRegularFile).findFirst();
  }

  /** Where Linux distributions install shared libraries; empty on other systems. */
  static List<Path> systemLibraryFolders() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return List.of();
    }
    String multiarch = switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> "x86_64-linux-gnu";
      case "aarch64" -> "aarch64-linux-gnu";
      default -> null;
    };
    Stream<String> multiarchFolders = multiarch == null ? Stream.empty()
        : Stream.of("/usr/lib/" + multiarch, "/lib/" + multiarch);
    return Stream.concat(multiarchFolders, Stream.of("/usr/lib64", "/usr/lib", "/usr/local/lib"))
        .map(Path::of).toList();
  }

  /** The libtesseract this process has mapped (from {@code /proc/self/maps}), for the log. */
  static Optional<String> loadedLibrary() {
    try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
      return maps.filter(line -> line.contains("libtesseract")).map(line -> line.substring(line.indexOf('/')))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
