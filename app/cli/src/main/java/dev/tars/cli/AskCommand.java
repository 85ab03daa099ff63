package dev.tars.cli;

import dev.tars.concurrent.NamedThreads;
import dev.tars.config.AppPaths;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.Sampling;
import dev.tars.engine.local.LocalEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tars ask --model FILE.gguf "question"}: one question, the answer streamed to standard output. */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = "Ask one question and stream the answer to standard output.")
final class AskCommand implements Callable<Integer> {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE.gguf", description = "The GGUF model to answer with.")
  Path model;

  @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (words are joined by spaces).")
  List<String> question;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt.")
  String system = "";

  @Option(names = "--temperature", defaultValue = "0.7", description = "Sampling temperature, 0..2 (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-p", defaultValue = "0.95", description = "Nucleus sampling, (0..1] (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--max-tokens", defaultValue = "512", description = "Longest answer in tokens (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--ctx", defaultValue = "4096", description = "Context window in tokens (default: ${DEFAULT-VALUE}).")
  int contextSize;

  @Option(names = "--threads", defaultValue = "0", description = "CPU threads; 0 = one per core.")
  int threads;

  @Option(names = "--json", description = "Print one JSON object (model, answer, finish_reason, token counts) when"
      + " the answer is complete, instead of streaming text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Sampling sampling = new Sampling(temperature, topP, maxTokens);
    List<ChatMessage> messages = new ArrayList<>();
    if (!system.isBlank()) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(String.join(" ", question)));

    AppPaths paths = AppPaths.fromEnvironment().ensureCreated();
    LocalEngine.Options options = LocalEngine.Options.defaults(paths.temp()).withMaxContextLength(contextSize);
    if (threads > 0) {
      options = options.withThreads(threads);
    }
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    try (LocalEngine engine = new LocalEngine(options)) {
      engine.load(model);
      Generation generation = engine.generate(new ChatRequest(messages, sampling), text -> {
        if (!json) {
          out.print(text);
          out.flush();
        }
      });
      Thread stopOnCtrlC = NamedThreads.named("ask-interrupt").newThread(generation::cancel);
      Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
      Completion completion = generation.result().join();
      Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
      if (completion.finishReason() == FinishReason.ERROR) {
        throw completion.error();
      }
      if (json) {
        out.println(JSON.createObjectNode()
            .put("model", engine.model().id())
            .put("answer", completion.text())
            .put("finish_reason", completion.finishReason().name().toLowerCase(java.util.Locale.ROOT))
            .put("prompt_tokens", completion.promptTokens())
            .put("completion_tokens", completion.completionTokens())
            .put("duration_ms", (System.nanoTime() - start) / 1_000_000));
      } else {
        out.println();
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
