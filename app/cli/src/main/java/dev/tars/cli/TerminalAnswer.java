package dev.tars.cli;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.ReplyListener;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Completion;
import dev.tars.knowledge.DocumentContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Follows one answer for the terminal: streams its text (unless it is collected for {@code --json}), keeps
 * the prompt and the context it was given, and prints the documents it cites as footnotes, as the window
 * shows them under the answer.
 */
final class TerminalAnswer implements ReplyListener {
  private final PrintWriter out;
  private final boolean stream;
  private final List<ContextBlock> context = new CopyOnWriteArrayList<>();
  private volatile List<ChatMessage> prompt = List.of();
  private volatile Completion completion;
  private volatile String failure;

  /** @param stream print the text as it comes; false collects it (for {@code --json}) */
  TerminalAnswer(PrintWriter out, boolean stream) {
    this.out = out;
    this.stream = stream;
  }

  @Override
  public void contextUsed(List<ContextBlock> blocks) {
    context.addAll(blocks);
  }

  @Override
  public void prompt(List<ChatMessage> messages) {
    prompt = List.copyOf(messages);
  }

  @Override
  public void text(String delta) {
    if (stream) {
      out.print(delta);
      out.flush();
    }
  }

  @Override
  public void completed(Completion value) {
    completion = value;
  }

  @Override
  public void failed(String message) {
    failure = message;
  }

  /** The messages sent to the model after context assembly. */
  List<ChatMessage> prompt() {
    return prompt;
  }

  /** Project instructions, memories and document passages the answer was given. */
  List<ContextBlock> context() {
    return List.copyOf(context);
  }

  /** How the engine ended; null when it never answered. */
  Completion completion() {
    return completion;
  }

  /** Why nothing could be generated, for a person; null when something was. */
  String failure() {
    return failure;
  }

  /** The labels of the cited documents, e.g. {@code [1] report.pdf, page 3}, in citation order. */
  List<String> footnotes() {
    return context.stream().filter(block -> DocumentContext.KIND.equals(block.kind()))
        .flatMap(block -> block.sources().stream()).map(ContextBlock.Source::label).toList();
  }

  /** Prints the footnotes under the answer (nothing when no document was given). */
  void printFootnotes() {
    List<String> notes = footnotes();
    if (notes.isEmpty()) {
      return;
    }
    out.println();
    out.println("Sources:");
    notes.forEach(note -> out.println("  " + note));
    out.flush();
  }
}
