package dev.tars.cli;

import picocli.CommandLine;

/** The version Maven filtered into {@code tars-version.properties} at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = CliRuntime.version();
    return new String[] {"Tars " + ("unknown".equals(version) ? "(unknown version)" : version)};
  }
}
