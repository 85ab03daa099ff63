package dev.tars.cli.backup;

import dev.tars.backup.BackupInfo;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tars backup list}: the archives, newest first, with their state. Works while Tars runs. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the backups, newest first.")
public final class BackupListCommand implements Callable<Integer> {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var paths = CliBackups.paths();
    List<BackupInfo> backups = CliBackups.catalog(paths).list();
    if (backups.isEmpty()) {
      out.println("No backups yet in " + paths.backups() + ". Run `tars backup` to make one.");
      out.flush();
      return 0;
    }
    out.printf("%-20s  %-19s  %10s  %-10s  %s%n", "ID", "CREATED", "SIZE", "STATE", "MADE BY");
    for (BackupInfo b : backups) {
      out.printf("%-20s  %-19s  %10s  %-10s  %s%n", b.id(), LOCAL.format(b.createdAt()), CliBackups.size(b.size()),
          b.state().name().toLowerCase(Locale.ROOT), b.status().trigger());
    }
    out.println("Folder: " + paths.backups());
    out.flush();
    return 0;
  }
}
