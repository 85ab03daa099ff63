package dev.tars.cli;

import dev.tars.chat.Conversation;
import dev.tars.chat.Message;
import dev.tars.chat.Reply;
import dev.tars.concurrent.NamedThreads;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tars chat [--project NAME]}: a conversation on the terminal, answers streamed, kept in the same history
 * as the desktop app's and answered with the same context (project instructions, memories, documents cited as
 * footnotes). One line is one message; {@code /new} starts another conversation,
 * {@code /exit} or end of input leaves.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = {"Chat on the terminal; answers stream as they are written and the conversation is kept in",
        "Tars' history. Type /new for a new conversation, /exit (or Ctrl+D) to leave."})
final class ChatCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE.gguf",
      description = "Chat with this GGUF model; without it, the engine chosen in the app (tars models use).")
  Path model;

  @Option(names = "--project", paramLabel = "NAME", description = "Chat inside this project (default: Default).")
  String project;

  @Option(names = "--conversation", paramLabel = "ID", description = "Continue this conversation (its id).")
  Long conversationId;

  @Option(names = "--ctx", defaultValue = "4096", description = "Context window for --model (default: ${DEFAULT-VALUE}).")
  int contextSize;

  @Option(names = "--threads", defaultValue = "0", description = "CPU threads for --model; 0 = one per core.")
  int threads;

  /** Where messages are read from; tests put their own here. */
  InputStream input = System.in;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean interactive = System.console() != null && input == System.in;
    try (CliChat services = CliChat.open(model, contextSize, threads, project)) {
      Conversation conversation = conversationId == null ? services.chats.create("")
          : services.chats.conversation(conversationId).orElseThrow(() -> new IllegalArgumentException(
              "There is no conversation " + conversationId + " (it may have been deleted)."));
      out.println("Conversation " + conversation.id() + ". Type /exit to leave, /new for a new conversation.");
      out.flush();
      AtomicReference<Reply> current = new AtomicReference<>();
      // Ctrl+C while an answer streams stops it, so what was written is kept as STOPPED, not lost.
      Thread stopOnExit = NamedThreads.named("chat-interrupt").newThread(() -> {
        Reply reply = current.get();
        if (reply != null) {
          reply.stop();
          try {
            reply.done().get(2, TimeUnit.SECONDS);
          } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // Leaving anyway; the next start marks an unfinished answer as interrupted.
          }
        }
      });
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        while (true) {
          if (interactive) {
            out.print("you> ");
            out.flush();
          }
          String line = reader.readLine();
          if (line == null || line.strip().equals("/exit")) {
            break;
          }
          if (line.isBlank()) {
            continue;
          }
          if (line.strip().equals("/new")) {
            conversation = services.chats.create("");
            out.println("Conversation " + conversation.id() + ".");
            out.flush();
            continue;
          }
          if (!answer(services, conversation.id(), line, out, current)) {
            return ExitCodes.FAILURE;
          }
        }
        return ExitCodes.OK;
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook is already stopping the answer
        }
      }
    }
  }

  /** Streams one answer; false (with the reason on stderr) when nothing could be generated. */
  private boolean answer(CliChat services, long conversation, String text, PrintWriter out,
      AtomicReference<Reply> current) throws InterruptedException {
    TerminalAnswer shown = new TerminalAnswer(out, true);
    Reply reply = services.chats.send(conversation, text, shown);
    current.set(reply);
    try {
      Message answer = reply.done().get();
      out.println();
      if (answer.status().isIncomplete()) {
        out.println("[" + answer.status().name().toLowerCase(java.util.Locale.ROOT) + "]");
      }
      shown.printFootnotes();
      out.flush();
      return true;
    } catch (ExecutionException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("tars: " + (shown.failure() != null ? shown.failure() : CliErrors.describe(e)));
      err.flush();
      return false;
    } finally {
      current.set(null);
    }
  }
}
