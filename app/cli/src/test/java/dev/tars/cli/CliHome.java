package dev.tars.cli;

import dev.tars.config.AppPaths;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * A private data home for command-line tests: {@code tars.home} points at a folder of the test's own (never the
 * real data home) for each test, and is put back afterwards; commands run in the test's JVM as the launcher runs
 * them, and the last run's output is kept for the assertions. Register it next to the folder it uses:
 * {@code @TempDir Path home; @RegisterExtension final CliHome cli = new CliHome(() -> home.resolve("data"));}
 * (both {@code static} for a data home shared by the class's tests).
 */
public final class CliHome implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final String HOME_PROPERTY = "tars.home";

  private final Supplier<Path> home;
  private String previousHome;
  private boolean pointing;
  private boolean forTheClass;
  private CliRun last = new CliRun(0, "", "");

  /** {@code home} is read before each test (or before all of them, when registered on a static field). */
  public CliHome(Supplier<Path> home) {
    this.home = home;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    forTheClass = true;
    pointAtHome();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!forTheClass) {
      pointAtHome();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!forTheClass) {
      restore();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    restore();
  }

  private void pointAtHome() {
    previousHome = System.getProperty(HOME_PROPERTY);
    System.setProperty(HOME_PROPERTY, home.get().toString());
    pointing = true;
  }

  private void restore() {
    if (!pointing) {
      return;
    }
    if (previousHome == null) {
      System.clearProperty(HOME_PROPERTY);
    } else {
      System.setProperty(HOME_PROPERTY, previousHome);
    }
    pointing = false;
  }

  /** The data home's folder. */
  public Path path() {
    return home.get();
  }

  /** The data home laid out as the app lays it out. */
  public AppPaths paths() {
    return new AppPaths(path());
  }

  /** The data home's database (a real H2 file, every migration applied), for seeding or checking what was stored. */
  public Database openDatabase() {
    return TestDatabase.open(paths().ensureCreated());
  }

  /** {@code tars ARGS}; returns its exit code. */
  public int tars(String... args) {
    last = CliRun.tars(args);
    return last.exitCode();
  }

  /**
   * One command object (with the stand-ins a test gives it) run as the launcher runs its commands, failures as
   * one {@code tars: ...} line; returns its exit code.
   */
  public int run(Object command, String... args) {
    last = CliRun.of(TarsCli.configure(new CommandLine(command)), args);
    return last.exitCode();
  }

  /** What the last run printed on standard output. */
  public String out() {
    return last.out();
  }

  /** What the last run printed on standard error. */
  public String err() {
    return last.err();
  }
}
