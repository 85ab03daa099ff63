package dev.tars.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.Message;
import dev.tars.chat.Reply;
import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.Sampling;
import dev.tars.knowledge.ConversationDocuments;
import dev.tars.knowledge.DocumentChoice;
import dev.tars.knowledge.KnowledgeBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tars ask [--project NAME] [--json] "question"}: one question, answered by the engine chosen in the
 * app (or {@code --model}) with the same context as the window, the answer streamed to standard output. The
 * exchange is kept in the history, in the project.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = {"Ask one question and stream the answer to standard output. It is answered like in the window:",
        "with the project's instructions, your memories and your documents (cited as footnotes), and kept in",
        "the history."})
final class AskCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE.gguf",
      description = "Answer with this GGUF model; without it, the engine chosen in the app (tars models use).")
  Path model;

  @Option(names = "--project", paramLabel = "NAME", description = "Ask inside this project (default: Default).")
  String project;

  @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (words are joined by spaces).")
  List<String> question;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt (default: the app's).")
  String system;

  @Option(names = "--temperature", description = "Sampling temperature, 0..2 (default: the app's).")
  Double temperature;

  @Option(names = "--top-p", description = "Nucleus sampling, (0..1] (default: the app's).")
  Double topP;

  @Option(names = "--max-tokens", description = "Longest answer in tokens (default: the app's).")
  Integer maxTokens;

  @Option(names = "--ctx", defaultValue = "4096", description = "Context window for --model (default: ${DEFAULT-VALUE}).")
  int contextSize;

  @Option(names = "--threads", defaultValue = "0", description = "CPU threads for --model; 0 = one per core.")
  int threads;

  @Option(names = "--notes", description = "Also answer from your notes, cited like documents (as choosing Notes"
      + " in the window's Documents chooser); turns documents on for this question.")
  boolean notes;

  @Option(names = "--json", description = "Print one JSON object (model, answer, finish_reason, token counts,"
      + " prompt, sources) when the answer is complete, instead of streaming text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    try (CliChat chat = CliChat.open(model, contextSize, threads, project)) {
      Conversation conversation = chat.chats.create("");
      if (notes) {
        chooseNotes(chat, conversation.id());
      }
      if (system != null || temperature != null || topP != null || maxTokens != null) {
        Sampling base = conversation.sampling();
        chat.chats.updateSettings(conversation.id(), system != null ? system : conversation.systemPrompt(),
            new Sampling(temperature != null ? temperature : base.temperature(), topP != null ? topP : base.topP(),
                maxTokens != null ? maxTokens : base.maxTokens()));
      }
      TerminalAnswer answer = new TerminalAnswer(out, !json);
      Reply reply = chat.chats.send(conversation.id(), String.join(" ", question), answer);
      Thread stopOnCtrlC = NamedThreads.named("ask-interrupt").newThread(reply::stop);
      Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
      Message message;
      try {
        message = reply.done().get();
      } catch (ExecutionException e) {
        throw new EngineException(answer.failure() != null ? answer.failure() : CliErrors.describe(e), e);
      } finally {
        removeHook(stopOnCtrlC);
      }
      Completion completion = answer.completion();
      if (completion != null && completion.error() != null) {
        throw completion.error();
      }
      if (json) {
        out.println(toJson(chat, conversation, message, answer, completion, start));
      } else {
        out.println();
        answer.printFootnotes();
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** Keeps the project's collections and adds the notes, the way the window's chooser stores it. */
  private static void chooseNotes(CliChat chat, long conversationId) {
    ConversationDocuments choices = chat.runtime.knowledgeIfAvailable()
        .map(KnowledgeBase::conversationDocuments).orElseThrow(() -> new IllegalStateException(
            "Notes are searched with the documents, and the document index cannot open in this run (see the log)."));
    DocumentChoice before = choices.choice(conversationId);
    choices.choose(conversationId, new DocumentChoice(true, before.enabled() ? before.collectionIds() : List.of(),
        true));
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is already stopping the answer
    }
  }

  private static ObjectNode toJson(CliChat chat, Conversation conversation, Message message, TerminalAnswer answer,
      Completion completion, long startNanos) {
    ObjectNode node = JSON.createObjectNode()
        .put("model", chat.modelName)
        .put("answer", message.content())
        .put("finish_reason", completion == null ? message.status().name().toLowerCase(Locale.ROOT)
            : completion.finishReason().name().toLowerCase(Locale.ROOT))
        .put("prompt_tokens", completion == null ? -1 : completion.promptTokens())
        .put("completion_tokens", completion == null ? -1 : completion.completionTokens())
        .put("duration_ms", (System.nanoTime() - startNanos) / 1_000_000)
        .put("conversation", conversation.id())
        .put("project", chat.project.name());
    ArrayNode prompt = node.putArray("prompt");
    for (ChatMessage sent : answer.prompt()) {
      prompt.addObject().put("role", sent.role().wireName()).put("content", sent.content());
    }
    ArrayNode sources = node.putArray("sources");
    for (ContextBlock block : answer.context()) {
      for (ContextBlock.Source source : block.sources()) {
        sources.addObject().put("kind", block.kind()).put("label", source.label());
      }
    }
    return node;
  }
}
