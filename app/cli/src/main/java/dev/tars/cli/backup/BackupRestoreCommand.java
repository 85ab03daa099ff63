package dev.tars.cli.backup;

import dev.tars.backup.BackupService;
import dev.tars.backup.BackupServices;
import dev.tars.backup.PendingRestore;
import dev.tars.backup.RestorePlan;
import dev.tars.config.AppPaths;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tars backup restore ID}: checks the backup, shows what it replaces, makes a safety backup and
 * restores. With Tars running, the restore is prepared and happens when Tars next starts.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restore a backup. The current data is backed up first (a \"before-restore\" backup).",
        "Close Tars first, or the restore happens when Tars next starts."})
public final class BackupRestoreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The backup id, as `tars backup list` shows it.")
  String id;

  @Option(names = "--yes", description = "Restore without asking.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AppPaths paths = CliBackups.paths();
    BackupService service = CliBackups.catalogOnly(paths);
    RestorePlan plan = service.planRestore(id);
    out.printf("Backup %s (made %s by Tars %s) will replace:%n", plan.id(), plan.createdAt(), plan.appVersion());
    for (RestorePlan.Replacement r : plan.replacements()) {
      out.printf("  %-10s %s (now %s, from the backup %s)%n", r.source(), r.folder(), CliBackups.size(r.currentBytes()),
          CliBackups.size(r.backupBytes()));
    }
    plan.facts().entrySet().stream().filter(e -> e.getKey().startsWith("database.rows."))
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> out.printf("  the backup holds %d rows of %s%n", e.getValue(), e.getKey().substring("database.rows.".length())));
    out.flush();
    if (!yes && !confirmed(out)) {
      out.println("Nothing was restored. Run again with --yes to restore.");
      out.flush();
      return 1;
    }
    service.requestRestore(id);
    if (BackupServices.databaseInUse(paths)) {
      out.println("Tars is running: the restore will happen when it next starts. Restart Tars now.");
      out.flush();
      return 0;
    }
    PendingRestore.Outcome outcome = PendingRestore.applyIfRequested(paths, Clock.systemUTC(), CliBackups.appVersion())
        .orElseThrow();
    if (outcome.restored()) {
      out.printf("Restored backup %s. The data it replaced is in backup %s.%n", id, outcome.safetyBackupId());
      out.flush();
      return 0;
    }
    out.println(outcome.dataUnchanged() ? "Nothing was restored:"
        : "The restore failed and Tars could not put everything back:");
    outcome.problems().forEach(p -> out.println("  " + p));
    out.flush();
    return 1;
  }

  private boolean confirmed(PrintWriter out) {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    out.print("Type yes to restore: ");
    out.flush();
    String answer = console.readLine();
    return answer != null && answer.trim().equalsIgnoreCase("yes");
  }
}
