package dev.tars.cli.models;

import dev.tars.concurrent.NamedThreads;
import dev.tars.cli.CliRuntime;
import dev.tars.models.Bytes;
import dev.tars.models.CatalogEntry;
import dev.tars.models.Download;
import dev.tars.models.DownloadListener;
import dev.tars.models.DownloadOutcome;
import dev.tars.models.DownloadProgress;
import dev.tars.models.DownloadStatus;
import dev.tars.models.InstalledModel;
import dev.tars.models.ModelException;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import dev.tars.runtime.TarsRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tars models list|pull|import|rm|use}: the model hub on the terminal. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List, download, import, delete and choose models.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.PullCommand.class,
        ModelsCommand.ImportCommand.class, ModelsCommand.RemoveCommand.class, UseModelCommand.class})
public final class ModelsCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelsCommand.class);
  static final int OK = 0;
  static final int FAILURE = 1;

  private final Supplier<Session> sessions;
  @Spec CommandSpec spec;

  /**
   * The model manager a subcommand works with and what closes it.
   *
   * @param runtime the runtime that owns the manager; null when a test made the manager itself
   */
  record Session(ModelManager manager, TarsRuntime runtime) implements AutoCloseable {
    @Override
    public void close() {
      if (runtime != null) {
        runtime.close();
      } else {
        manager.close();
      }
    }
  }

  /** Uses the runtime on the data home of this process. */
  public ModelsCommand() {
    this.sessions = () -> {
      TarsRuntime runtime = CliRuntime.open();
      return new Session(runtime.models(), runtime);
    };
  }

  /** @param managers makes the manager each subcommand works with (closed when it ends) */
  public ModelsCommand(Supplier<ModelManager> managers) {
    this.sessions = () -> new Session(managers.get(), null);
  }

  /** A new session for one subcommand; the subcommand closes it. */
  Session session() {
    return sessions.get();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static int fail(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("tars: " + message.lines().findFirst().orElse(message));
    err.flush();
    return FAILURE;
  }

  /**
   * What every {@code tars models} subcommand does around its own work: opens a session on the model manager,
   * closes it after, and turns a {@link ModelException} into its message on the error stream and exit code 1.
   */
  abstract static class Subcommand implements Callable<Integer> {
    @ParentCommand ModelsCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Session session = parent.session()) {
        int exitCode = run(session, out);
        out.flush();
        return exitCode;
      } catch (ModelException e) {
        return fail(spec, e.getMessage());
      }
    }

    /** The subcommand's own work; returns the exit code. */
    abstract int run(Session session, PrintWriter out) throws ModelException;
  }

  @Command(name = "list", description = "Show installed models and the catalog with a fit label for this machine.")
  static final class ListCommand extends Subcommand {
    @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind: chat, speech or embedding.")
    String kindName;
    private ModelKind kind;

    @Override
    public Integer call() {
      if (kindName != null) {
        try {
          kind = ModelKind.valueOf(kindName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          return fail(spec, "Unknown kind '" + kindName + "'; use chat, speech or embedding.");
        }
      }
      return super.call();
    }

    @Override
    int run(Session session, PrintWriter out) {
      ModelManager manager = session.manager();
      ModelKind only = kind;
      List<InstalledModel> installed = manager.installed().stream()
          .filter(m -> only == null || m.kind() == only).toList();
      out.println("Installed (" + installed.size() + ") in " + manager.modelsDir());
      if (installed.isEmpty()) {
        out.println("  none yet: `tars models pull NAME` downloads one, `tars models import FILE` adds a GGUF file");
      }
      for (InstalledModel m : installed) {
        out.printf(Locale.ROOT, "  %-36s %9s  %s%n", m.name(), Bytes.human(m.sizeBytes()),
            m.metadata() != null ? m.metadata().describe() : m.kind().name().toLowerCase(Locale.ROOT));
      }
      out.println();
      out.println("Catalog (this machine: " + Bytes.human(manager.totalRam()) + " of memory)");
      out.printf(Locale.ROOT, "  %-36s %-9s %9s  %-7s %7s  %-28s %s%n", "NAME", "KIND", "SIZE", "QUANT", "CONTEXT",
          "LICENSE", "FIT");
      List<CatalogEntry> paused = manager.paused();
      for (CatalogEntry e : manager.catalog().entries()) {
        if (kind != null && e.kind() != kind) {
          continue;
        }
        Optional<InstalledModel> have = manager.installed(e.name());
        String state = have.isPresent()
            ? (have.get().downloadedUnverified() ? "  [installed, not verified]" : "  [installed]")
            : paused.contains(e) ? "  [paused at " + Bytes.human(manager.partialBytes(e)) + "]"
            : !e.downloadable() ? "  [included]" : "";
        out.printf(Locale.ROOT, "  %-36s %-9s %9s  %-7s %7s  %-28s %s%s%n", e.name(),
            e.kind().name().toLowerCase(Locale.ROOT), Bytes.human(e.sizeBytes()),
            e.quantization() == null ? "-" : e.quantization(), e.contextLength() > 0 ? e.contextLength() : "-",
            e.license(), manager.fit(e.sizeBytes()).label(), state);
      }
      out.println("Downloads are checked for size and format; only those with a published SHA-256 checksum are"
          + " verified (`tars models pull` says which).");
      return OK;
    }
  }

  @Command(name = "pull", description = "Download a catalog model (resumes a paused download).")
  static final class PullCommand extends Subcommand {
    @Parameters(paramLabel = "NAME", description = "The model's name as `tars models list` shows it.")
    String name;

    @Override
    int run(Session session, PrintWriter out) throws ModelException {
      ModelManager manager = session.manager();
      TerminalProgress progress = new TerminalProgress(out, System.console() != null);
      if (manager.installed(name).isEmpty()
          && manager.catalog().find(name).filter(e -> e.downloadable() && e.sha256() == null).isPresent()) {
        out.println("Note: no SHA-256 checksum is published for " + name + ", so this download will not be"
            + " verified; only its size and format are checked.");
        out.flush();
      }
      Download download = manager.pull(name, progress);
      try {
        Thread hook = NamedThreads.named("cli-interrupt").newThread(() -> pauseOnInterrupt(download));
        Runtime.getRuntime().addShutdownHook(hook);
        DownloadOutcome outcome;
        try {
          outcome = download.outcome().get();
        } finally {
          removeHook(hook);
        }
        progress.endLine();
        return switch (outcome) {
          case DownloadOutcome.Completed c -> {
            out.println("Installed " + name + " (" + Bytes.human(c.bytes()) + (c.verified() ? ", SHA-256 verified"
                : ", not verified: no published checksum") + ") at " + c.file());
            out.flush();
            yield OK;
          }
          case DownloadOutcome.Paused p -> fail(spec, "Paused at " + Bytes.human(p.bytesDone())
              + "; run the same command again to resume.");
          case DownloadOutcome.Cancelled c -> fail(spec, "Cancelled.");
          case DownloadOutcome.Failed f -> fail(spec, f.message());
        };
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail(spec, "Interrupted; run the same command again to resume.");
      } catch (ExecutionException e) {
        LOG.error("Download of {} failed", name, e);
        return fail(spec, "The download failed unexpectedly; details are in the log.");
      }
    }

    private static void pauseOnInterrupt(Download download) {
      download.pause();
      try {
        download.outcome().get(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("Download did not pause cleanly on exit", e);
      }
    }

    private static void removeHook(Thread hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        LOG.debug("Already shutting down; the hook pauses the download");
      }
    }
  }

  @Command(name = "import", description = "Add a GGUF chat model file from this computer.")
  static final class ImportCommand extends Subcommand {
    @Parameters(paramLabel = "FILE", description = "A .gguf file.")
    Path file;

    @Option(names = "--link", description = "Hard-link instead of copying when the file is on the same disk.")
    boolean link;

    @Override
    int run(Session session, PrintWriter out) throws ModelException {
      ModelManager manager = session.manager();
      out.println("Checking " + file + "...");
      out.flush();
      InstalledModel model = manager.importFile(file, link);
      out.println("Imported as " + model.name() + ": " + model.metadata().describe());
      out.println("  " + Bytes.human(model.sizeBytes()) + ", " + manager.fit(model.sizeBytes()).label()
          + " on this machine, " + (model.source().startsWith("linked") ? "linked" : "copied") + " to "
          + manager.location(model));
      return OK;
    }
  }

  @Command(name = "rm", description = "Delete an installed model, or the kept part of a paused download.")
  static final class RemoveCommand extends Subcommand {
    @Parameters(paramLabel = "NAME", description = "The model's name as `tars models list` shows it.")
    String name;

    @Override
    int run(Session session, PrintWriter out) throws ModelException {
      ModelManager manager = session.manager();
      if (manager.installed(name).isEmpty() && manager.catalog().find(name).isPresent()
          && manager.discardPartial(name)) {
        out.println("Deleted the partial download of " + name + ".");
        out.flush();
        return OK;
      }
      InstalledModel removed = manager.remove(name);
      out.println("Deleted " + removed.name() + " (" + Bytes.human(removed.sizeBytes()) + " freed).");
      return OK;
    }
  }

  /** One self-rewriting progress line on a terminal; one line per 10% when output goes to a file or pipe. */
  static final class TerminalProgress implements DownloadListener {
    private final PrintWriter out;
    private final boolean interactive;
    private int lastTenth = -1;
    private boolean midLine;

    TerminalProgress(PrintWriter out, boolean interactive) {
      this.out = out;
      this.interactive = interactive;
    }

    @Override
    public synchronized void onStatus(DownloadStatus status, String message) {
      if (status == DownloadStatus.QUEUED || status == DownloadStatus.DOWNLOADING || status.isFinal()) {
        return;
      }
      endLine();
      out.println(message);
      out.flush();
    }

    @Override
    public synchronized void onProgress(DownloadProgress p) {
      if (interactive) {
        out.print("\r  " + p.describe() + "   ");
        midLine = true;
        out.flush();
        return;
      }
      int tenth = p.totalBytes() > 0 ? (int) (p.fraction() * 10) : -1;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.println("  " + p.describe());
        out.flush();
      }
    }

    synchronized void endLine() {
      if (midLine) {
        out.println();
        midLine = false;
      }
    }
  }
}
