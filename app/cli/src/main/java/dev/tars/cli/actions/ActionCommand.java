package dev.tars.cli.actions;

import dev.tars.actions.i18n.ActionException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that does one thing with the actions feature and prints what it did: {@link CliActions#run} opens
 * the actions around {@link #run} and turns a refusal into its message and exit code.
 */
abstract class ActionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    return CliActions.run(spec, cli -> run(cli, spec.commandLine().getOut()));
  }

  /** The command's work on the opened actions; {@code out} is the command line's output. */
  abstract void run(CliActions cli, PrintWriter out) throws ActionException;
}
