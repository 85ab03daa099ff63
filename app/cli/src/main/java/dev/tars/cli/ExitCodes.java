package dev.tars.cli;

/** What scripts can rely on. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The command could not do its work (bad model file, engine down, I/O error); the reason is on stderr. */
  public static final int FAILURE = 1;
  /** The command line itself was wrong (picocli's convention). */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
