package dev.tars.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.protocol.openai.Message;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The loaded llama.cpp model and the one slot it serves. One generation runs at a time (the KV cache of the
 * single slot is what makes a second turn cheap); callers wait their turn in arrival order.
 */
final class LlamaBackend {
  /** A chat message as the template sees it. */

  /** What a generation is asked to do. */
  record Request(String prompt, int maxTokens, float temperature, float topP, List<String> stop, Integer seed,
      boolean cachePrompt, String grammar) {}

  /** Receives each piece of text; returns false to stop the generation (client gone). */
  interface Sink {
    boolean accept(String text);
  }

  /** How a generation ended, with figures measured around the native calls. */
  record Outcome(String text, String finishReason, int promptTokens, int completionTokens, long promptNanos,
      long generationNanos) {}

  static final class BusyException extends Exception {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LlamaModel model;
  private final String modelId;
  private final int contextLength;
  private final ReentrantLock slot = new ReentrantLock(true);

  LlamaBackend(Path modelFile, int contextLength, int threads) {
    this.model = new LlamaModel(new ModelParameters()
        .setModel(modelFile.toString())
        .setCtxSize(contextLength)
        .setThreads(threads)
        .setThreadsBatch(threads)
        .setParallel(1)
        // The whole conversation must fit: shifting the context would silently drop its start.
        .disableContextShift());
    this.modelId = modelFile.getFileName().toString();
    this.contextLength = contextLength;
  }

  String modelId() {
    return modelId;
  }

  int contextLength() {
    return contextLength;
  }

  /** The prompt the model's chat template makes of {@code messages}, ending with the assistant's turn. */
  String applyTemplate(List<Message> messages) {
    ObjectNode params = JSON.createObjectNode();
    ArrayNode array = params.putArray("messages");
    for (Message m : messages) {
      // Chat templates know "system"; OpenAI's newer "developer" role means the same.
      array.addObject().put("role", m.role().equals("developer") ? "system" : m.role()).put("content", m.content());
    }
    // The native side aborts the process on JSON without "messages": it is always present here.
    return model.applyTemplate(params.toString());
  }

  int[] tokenize(String text) {
    return model.encode(text);
  }

  String detokenize(int[] tokens) {
    return model.decode(tokens);
  }

  /**
   * Generates an answer to {@code request.prompt()}, streaming text to {@code sink}. Waits up to
   * {@code queueTimeoutMillis} for a running generation to end.
   */
  Outcome generate(Request request, Sink sink, long queueTimeoutMillis, Cancellation cancellation)
      throws BusyException, InterruptedException {
    if (!slot.tryLock(queueTimeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new BusyException("the engine is busy with another answer; try again when it is done");
    }
    try {
      int promptTokens = tokenize(request.prompt()).length;
      int room = contextLength - promptTokens;
      if (room < 1) {
        throw new IllegalArgumentException("the prompt has " + promptTokens
            + " tokens, which does not fit the context window of " + contextLength + " tokens");
      }
      int maxTokens = Math.min(request.maxTokens() > 0 ? request.maxTokens() : room, room);
      InferenceParameters params = new InferenceParameters(request.prompt())
          .setNPredict(maxTokens)
          .setTemperature(request.temperature())
          .setTopP(request.topP())
          .setCachePrompt(request.cachePrompt());
      if (!request.stop().isEmpty()) {
        params.setStopStrings(request.stop().toArray(String[]::new));
      }
      if (request.seed() != null) {
        params.setSeed(request.seed());
      }
      if (request.grammar() != null && !request.grammar().isEmpty()) {
        params.setGrammar(request.grammar());
      }
      long start = System.nanoTime();
      long firstOutput = 0;
      int outputs = 0;
      boolean cancelled = false;
      StringBuilder text = new StringBuilder();
      LlamaIterator iterator = model.generate(params).iterator();
      while (iterator.hasNext()) {
        LlamaOutput output = iterator.next();
        if (cancellation.isCancelled()) {
          cancelled = true;
          break;
        }
        if (output.text.isEmpty()) {
          continue;
        }
        if (firstOutput == 0) {
          firstOutput = System.nanoTime();
        }
        outputs++;
        text.append(output.text);
        if (!sink.accept(output.text)) {
          cancellation.cancel();
          cancelled = true;
          break;
        }
      }
      if (cancelled) {
        iterator.cancel();
      }
      long end = System.nanoTime();
      // llama.cpp sends one output per token, except when it holds back bytes of an unfinished character
      // or a possible stop string; re-tokenizing covers those.
      int completionTokens = Math.min(maxTokens, Math.max(outputs, text.isEmpty() ? 0 : tokenize(text.toString()).length));
      String finish = cancelled ? "cancelled" : completionTokens >= maxTokens ? "length" : "stop";
      long promptNanos = (firstOutput == 0 ? end : firstOutput) - start;
      return new Outcome(text.toString(), finish, promptTokens, completionTokens, promptNanos,
          firstOutput == 0 ? 0 : end - firstOutput);
    } finally {
      slot.unlock();
    }
  }

  /**
   * Asks a generation to stop from another thread. The generating thread itself cancels the native task at
   * its next output: cancelling while it waits inside the native receive could leave it waiting forever.
   */
  static final class Cancellation {
    private volatile boolean cancelled;

    void cancel() {
      cancelled = true;
    }

    boolean isCancelled() {
      return cancelled;
    }
  }
}
