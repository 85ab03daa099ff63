package dev.tars.cli.backup;

import dev.tars.backup.BackupState;
import dev.tars.backup.BackupStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tars backup verify ID}: re-hash every entry and open the database copy. Works while Tars runs. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a backup: every file against its SHA-256, then open the database copy.")
public final class BackupVerifyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The backup id, as `tars backup list` shows it.")
  String id;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    BackupStatus status = CliBackups.catalogOnly(CliBackups.paths()).verify(id);
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (status.state() == BackupState.VERIFIED) {
      out.printf("Backup %s is sound (checked in %d ms).%n", id, millis);
      status.facts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> out.printf("  %s: %d%n", e.getKey(), e.getValue()));
    } else {
      out.printf("Backup %s is DAMAGED and must not be restored:%n", id);
      status.problems().forEach(p -> out.println("  " + p));
    }
    status.notes().forEach(n -> out.println("  note: " + n));
    out.flush();
    return status.state() == BackupState.VERIFIED ? 0 : 1;
  }
}
