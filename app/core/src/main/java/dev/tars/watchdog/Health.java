package dev.tars.watchdog;

/** The result of one health check. Messages are written for a person: what is wrong and what to do. */
public record Health(Severity severity, String message) {
  private static final Health OK = new Health(Severity.OK, "");

  public static Health ok() {
    return OK;
  }

  public static Health warning(String message) {
    return new Health(Severity.WARNING, message);
  }

  public static Health critical(String message) {
    return new Health(Severity.CRITICAL, message);
  }

  public boolean isOk() {
    return severity == Severity.OK;
  }

  /** How bad a finding is. */
  public enum Severity {
    OK,
    WARNING,
    CRITICAL
  }
}
