package dev.tars.cli.backup;

import dev.tars.backup.BackupService;
import dev.tars.config.AppPaths;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tars backup}: back up now (the app must be closed; while it runs, use its Backups page). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {"Back up conversations, settings, the model list and the knowledge index into one archive.",
        "Without a subcommand: back up now (close Tars first; while it runs it backs up by itself)."},
    subcommands = {BackupCommand.Run.class, BackupListCommand.class, BackupVerifyCommand.class, BackupRestoreCommand.class})
public final class BackupCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return backUp(spec.commandLine().getOut());
  }

  static int backUp(PrintWriter out) {
    AppPaths paths = CliBackups.paths();
    try (TarsRuntime runtime = CliBackups.openStoppedApp(paths,
        "Use \"Back up now\" on its Backups page, or close Tars and run this again.")) {
      BackupService service = runtime.backups();
      service.removeLeftovers();
      BackupService.Run run = service.backupNow("manual");
      out.printf("Backup %s written to %s (%s, %s).%n", run.backup().id(), run.backup().archive(),
          CliBackups.size(run.backup().size()), run.backup().state().name().toLowerCase(java.util.Locale.ROOT));
      run.backup().status().problems().forEach(p -> out.println("  problem: " + p));
      if (!run.deleted().isEmpty()) {
        out.printf("Removed %d old backup(s) as the retention settings ask.%n", run.deleted().size());
      }
      run.mirrored().ifPresent(m -> out.printf("Mirror: %d copied, %d already there.%n", m.copied().size(), m.unchanged().size()));
      run.mirrorProblem().ifPresent(p -> out.println("Mirror problem: " + p));
      out.flush();
      return run.backup().status().problems().isEmpty() && run.mirrorProblem().isEmpty() ? 0 : 1;
    }
  }

  /** {@code tars backup run}: the same as {@code tars backup}. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Back up now (close Tars first).")
  public static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return backUp(spec.commandLine().getOut());
    }
  }
}
