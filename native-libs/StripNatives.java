import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stages the native libraries of one platform: removes every other platform's native files (and debug
 * symbols) from the jars in a folder, then checks that the libraries Tars needs on that platform are there.
 * Class files are never touched. Run by the installer build with the JDK alone:
 * {@code java native-libs/StripNatives.java <jar-folder> <os> <arch> <native-libs-folder>}; the libraries
 * required on a platform are listed in {@code required-<os>-<arch>.txt} beside this file.
 */
public final class StripNatives {
  private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.\\d+)*|dll|dylib|jnilib|a|pdb|lib)$");
  private static final List<String> OSES =
      List.of("linux", "win", "darwin", "osx", "mac", "freebsd", "openbsd", "netbsd", "dragonfly", "aix", "sunos", "android");
  private static final Map<String, List<String>> OS_TOKENS =
      Map.of("linux", List.of("linux"), "windows", List.of("win"), "mac", List.of("darwin", "osx", "mac"));
  private static final Pattern X64 = Pattern.compile("x86_64|x86-64|amd64|x64");
  private static final Pattern A64 = Pattern.compile("aarch64|arm64");
  private static final Pattern OTHER_ARCH =
      Pattern.compile("(^|[-/_.])(x86|i386|i686|arm|armel|armhf|armv7|ppc\\w*|s390x|riscv64|loongarch64|mips\\w*|sparcv9)($|[-/_.])");

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    String os = args[1].toLowerCase(Locale.ROOT);
    String arch = args[2].toLowerCase(Locale.ROOT).replace("amd64", "x86_64").replace("arm64", "aarch64");
    long saved = 0;
    try (Stream<Path> jars = Files.list(folder)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        saved += strip(jar, os, arch);
      }
    }
    System.out.printf("native-libs: kept %s-%s natives, removed %.1f MB of other platforms'%n", os, arch,
        saved / 1e6);
    Path required = Path.of(args[3]).resolve("required-" + os + "-" + arch + ".txt");
    if (!Files.exists(required)) {
      System.out.println("native-libs: no list of required libraries for " + os + "-" + arch + "; not verified");
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String line : Files.readAllLines(required)) {
      String[] parts = line.strip().split("\\s+");
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Path jar = folder.resolve(parts[0]);
      try (FileSystem zip = FileSystems.newFileSystem(jar)) {
        if (!Files.exists(zip.getPath(parts[1]))) {
          missing.add(parts[0] + "!" + parts[1]);
        }
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("native-libs: missing native libraries for " + os + "-" + arch + ": " + missing);
      System.exit(1);
    }
    System.out.println("native-libs: all required native libraries present");
  }

  private static long strip(Path jar, String os, String arch) throws IOException {
    long before = Files.size(jar);
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
      List<Path> doomed;
      try (Stream<Path> entries = Files.walk(zip.getPath("/"))) {
        doomed = entries.filter(Files::isRegularFile).filter(p -> isForeign(p.toString(), os, arch)).toList();
      }
      for (Path entry : doomed) {
        Files.delete(entry);
      }
    }
    return before - Files.size(jar);
  }

  static boolean isForeign(String entry, String os, String arch) {
    String path = entry.toLowerCase(Locale.ROOT);
    if (path.endsWith(".class")) {
      return false;
    }
    if (path.contains(".dsym/")) {
      return true;
    }
    if (!NATIVE.matcher(path).matches()) {
      return false;
    }
    String dir = path.substring(0, path.lastIndexOf('/') + 1);
    for (String segment : dir.split("/")) {
      for (String candidate : OSES) {
        if (segment.startsWith(candidate) || segment.contains("-" + candidate)) {
          boolean ours = OS_TOKENS.get(os).stream().anyMatch(segment::startsWith) && !segment.contains("android");
          if (!ours) {
            return true;
          }
        }
      }
    }
    boolean x64 = X64.matcher(dir).find();
    boolean a64 = A64.matcher(dir).find();
    String withoutOurs = X64.matcher(A64.matcher(dir).replaceAll("")).replaceAll("");
    boolean other = OTHER_ARCH.matcher(withoutOurs).find();
    return switch (arch) {
      case "x86_64", "amd64" -> a64 || (other && !x64);
      case "aarch64", "arm64" -> x64 || (other && !a64);
      default -> false;
    };
  }
}
