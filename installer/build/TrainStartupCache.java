import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the app image a JDK AOT cache (JEP 483/514, the successor of AppCDS): runs the image's own launcher
 * with {@code --smoke} (the window opens, then the app exits) twice on one data folder, the first time to
 * create it, the second as a person's every start: that run's loaded and linked classes and method profiles
 * are recorded into {@code tars.aot} beside the launcher's .cfg, and adds {@code -XX:AOTCache=$APPDIR/tars.aot} to the
 * .cfg. The window then opens faster on every start. The cache is tied to this runtime and these jars, so it
 * is made after jpackage has built the image; a JVM that cannot use it simply starts without it.
 *
 * <p>Usage: {@code java TrainStartupCache.java <app image> <linux|windows|mac> [report file]}. Never fails the
 * build: without a display (Linux: no DISPLAY and no xvfb-run) or when a run fails, the image stays as
 * jpackage made it and a line says why.
 */
public class TrainStartupCache {
  static final String OPTION = "java-options=-XX:AOTCache=$APPDIR/tars.aot";

  public static void main(String[] args) throws Exception {
    Path image = Path.of(args[0]);
    String os = args[1];
    Path log = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("tars-aot", ".log");
    Path launcher;
    Path appDir;
    switch (os) {
      case "linux" -> { launcher = image.resolve("bin/Tars"); appDir = image.resolve("lib/app"); }
      case "windows" -> { launcher = image.resolve("Tars.exe"); appDir = image.resolve("app"); }
      case "mac" -> { launcher = image.resolve("Contents/MacOS/Tars"); appDir = image.resolve("Contents/app"); }
      default -> throw new IllegalArgumentException("unknown OS " + os);
    }
    Path cfg = appDir.resolve("Tars.cfg");
    Path cache = appDir.resolve("tars.aot");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(cfg)) {
      throw new IllegalStateException("no app image at " + image + " (expected " + launcher + " and " + cfg + ")");
    }
    List<String> command = new ArrayList<>();
    if (os.equals("linux") && System.getenv("DISPLAY") == null) {
      if (!onPath("xvfb-run")) {
        System.out.println("startup cache: skipped (no DISPLAY and no xvfb-run to open the window in)");
        return;
      }
      command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
    }
    command.addAll(List.of(launcher.toString(), "--smoke"));
    Files.write(log, new byte[0]);
    Path home = Files.createTempDirectory("tars-aot-home");
    long started = System.nanoTime();
    // A person starts Tars on a data folder that exists: the first run (database created, every migration
    // applied, first-run defaults) is not what the cache should hold, so it runs once unrecorded.
    Result first = run(command, home, log, null);
    Result recorded = first.ok() ? run(command, home, log, cache) : first;
    deleteTree(home);
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    boolean ended = recorded.ended();
    Process process = recorded.process();
    if (!ended || process.exitValue() != 0 || !Files.isRegularFile(cache)) {
      Files.deleteIfExists(cache);
      System.out.println("startup cache: skipped, the training run " + (ended ? "exited with " + process.exitValue()
          : "did not end in 5 minutes") + " (see " + log + ")");
      return;
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
    lines.remove(OPTION);
    if (!lines.contains("[JavaOptions]")) {
      lines.add("[JavaOptions]");
    }
    lines.add(lines.indexOf("[JavaOptions]") + 1, OPTION);
    Files.write(cfg, lines);
    System.out.printf("startup cache: %s, %d MB, trained in %d s%n", cache.getFileName(),
        Files.size(cache) >> 20, seconds);
  }

  record Result(Process process, boolean ended) {
    boolean ok() {
      return ended && process.exitValue() == 0;
    }
  }

  /** One smoke run of the image on the data folder {@code home}; with {@code cache}, recording the AOT cache. */
  private static Result run(List<String> command, Path home, Path log, Path cache) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("TARS_HOME", home.toString());
    if (cache != null) {
      builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:AOTCacheOutput=" + cache);
    }
    Process process = builder.start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    return new Result(process, ended);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
