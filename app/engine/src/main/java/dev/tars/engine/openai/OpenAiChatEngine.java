package dev.tars.engine.openai;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import dev.tars.protocol.openai.ChatCompletionChunk;
import dev.tars.protocol.openai.ChatCompletionRequest;
import dev.tars.protocol.openai.Message;
import dev.tars.protocol.openai.Model;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatEngine} that talks to an OpenAI-compatible server: the Tars engine child, llama.cpp's server,
 * or a remote service. Streams with Server-Sent Events.
 *
 * <p>Base URL: either the server root ({@code http://127.0.0.1:8080}) or its {@code /v1} root
 * ({@code https://api.openai.com/v1}). Token counting uses llama.cpp-server's {@code /apply-template} and
 * {@code /tokenize} when the server has them, else a conservative estimate.
 *
 * <p>The wire format is the shared protocol's ({@link OpenAiCodec}). About 450 lines because the streaming
 * generation (its cancel, abort and finish states) is an inner class sharing this client's HTTP client and
 * addresses; what is left here is transport and error wording.
 */
public final class OpenAiChatEngine implements ChatEngine {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatEngine.class);

  /**
   * How to reach the server.
   *
   * @param baseUrl server root or its {@code /v1} root
   * @param apiKey bearer token, or null/blank for none
   * @param model model id to ask for; null or blank = the first the server lists
   * @param llamaCppExtensions send {@code cache_prompt} (strict OpenAI servers reject unknown fields)
   * @param connectTimeout how long to wait for a connection
   * @param responseTimeout how long to wait for response headers (includes queueing and reading the prompt)
   */
  public record Options(URI baseUrl, String apiKey, String model, boolean llamaCppExtensions,
      Duration connectTimeout, Duration responseTimeout) {
    public Options {
      Objects.requireNonNull(baseUrl, "baseUrl");
      apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      model = model == null || model.isBlank() ? null : model.strip();
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(responseTimeout, "responseTimeout");
    }

    /** A remote OpenAI-compatible server; {@code apiKey} and {@code model} may be null. */
    public static Options remote(URI baseUrl, String apiKey, String model) {
      return new Options(baseUrl, apiKey, model, false, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** A llama.cpp-compatible server such as the Tars engine child. */
    public static Options llamaCpp(URI baseUrl, String apiKey) {
      return new Options(baseUrl, apiKey, null, true, Duration.ofSeconds(5), Duration.ofMinutes(10));
    }
  }

  private final Options options;
  private final URI apiRoot;
  private final URI serverRoot;
  private final ExecutorService workers;
  private final HttpClient http;
  private final Set<StreamingGeneration> running = ConcurrentHashMap.newKeySet();
  private volatile ModelInfo model;
  private volatile Boolean canTokenize;

  public OpenAiChatEngine(Options options) {
    this.options = options;
    String base = options.baseUrl().toString().replaceAll("/+$", "");
    this.apiRoot = URI.create(base.endsWith("/v1") ? base : base + "/v1");
    this.serverRoot = URI.create(base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base);
    this.workers = Executors.newCachedThreadPool(NamedThreads.named("openai"));
    this.http = HttpClient.newBuilder()
        .connectTimeout(options.connectTimeout())
        .executor(workers)
        .build();
  }

  /** Where this engine sends requests (the {@code /v1} root). */
  public URI apiRoot() {
    return apiRoot;
  }

  @Override
  public ModelInfo model() throws EngineException {
    ModelInfo known = model;
    if (known != null) {
      return known;
    }
    List<Model> listed;
    try {
      listed = OpenAiCodec.models(getBody(apiRoot + "/models"));
    } catch (IOException e) {
      throw new EngineException("The server at " + apiRoot + " does not speak the OpenAI protocol.", e);
    }
    Model chosen = listed.stream().filter(m -> options.model() == null || options.model().equals(m.id()))
        .findFirst().orElse(null);
    if (chosen == null) {
      if (options.model() != null) {
        // Some servers list nothing useful; trust the configured id.
        return model = new ModelInfo(options.model(), -1);
      }
      throw new EngineException("The server at " + apiRoot + " lists no models.");
    }
    return model = new ModelInfo(chosen.id(), chosen.contextLength());
  }

  @Override
  public int countTokens(List<ChatMessage> messages) throws EngineException {
    if (!Boolean.FALSE.equals(canTokenize)) {
      try {
        HttpResponse<String> templated = post(serverRoot + "/apply-template", OpenAiCodec.messagesBody(wire(messages)));
        if (templated.statusCode() == 200) {
          String prompt = OpenAiCodec.tree(templated.body()).path("prompt").asText();
          HttpResponse<String> tokens = post(serverRoot + "/tokenize",
              OpenAiCodec.object().put("content", prompt).toString());
          if (tokens.statusCode() == 200) {
            canTokenize = true;
            return OpenAiCodec.tree(tokens.body()).path("tokens").size();
          }
        }
        if (canTokenize == null && (templated.statusCode() == 404 || templated.statusCode() == 405)) {
          LOG.info("{} cannot tokenize; token counts are estimates", serverRoot);
          canTokenize = false;
        } else {
          throw new EngineException("The engine could not count tokens (HTTP " + templated.statusCode() + ").");
        }
      } catch (IOException e) {
        throw unreachable(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException("Interrupted while counting tokens.", e);
      }
    }
    return estimateTokens(messages);
  }

  /**
   * Errs high: 3 characters per token (English averages about 4 with current tokenizers) plus generous room
   * for the template's role markers.
   */
  static int estimateTokens(List<ChatMessage> messages) {
    int total = 10;
    for (ChatMessage m : messages) {
      total += 8 + (m.content().length() + 2) / 3;
    }
    return total;
  }

  @Override
  public Generation generate(ChatRequest request, TokenSink sink) {
    StreamingGeneration generation = new StreamingGeneration(sink);
    running.add(generation);
    generation.result.whenComplete((c, e) -> running.remove(generation));
    try {
      workers.execute(() -> generation.run(request));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      generation.finish(FinishReason.ERROR, new EngineException("The engine is closed.", e));
    }
    return generation;
  }

  @Override
  public void close() {
    EngineException closing = new EngineException("The engine was closed mid-answer; the partial answer was kept.");
    running.forEach(g -> g.abort(closing));
    http.shutdownNow();
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("OpenAI client threads did not stop within 2 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class StreamingGeneration implements Generation {
    private final TokenSink sink;
    private final CompletableFuture<Completion> result = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    /** Set by {@link #cancel} and {@link #abort}: stop reading. */
    private volatile boolean cancelled;
    private volatile boolean cancelledByCaller;
    private volatile EngineException aborted;
    private volatile CompletableFuture<HttpResponse<InputStream>> pending;
    private volatile InputStream body;
    private int promptTokens = -1;
    private int completionTokens = -1;

    StreamingGeneration(TokenSink sink) {
      this.sink = sink;
    }

    @Override
    public void cancel() {
      cancelledByCaller = true;
      stop();
    }

    /** Ends the generation as failed (engine closing) rather than cancelled. */
    void abort(EngineException reason) {
      aborted = reason;
      stop();
    }

    private void stop() {
      cancelled = true;
      CompletableFuture<HttpResponse<InputStream>> p = pending;
      if (p != null) {
        p.cancel(true);
      }
      closeQuietly(body);
    }

    @Override
    public CompletableFuture<Completion> result() {
      return result;
    }

    void run(ChatRequest request) {
      try {
        HttpRequest httpRequest = requestBuilder(apiRoot + "/chat/completions")
            .timeout(options.responseTimeout())
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(OpenAiCodec.json(chatBody(request))))
            .build();
        pending = http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        if (cancelled) {
          pending.cancel(true);
        }
        HttpResponse<InputStream> response = pending.get();
        body = response.body();
        if (cancelled) {
          closeQuietly(body);
          finish(FinishReason.CANCELLED, null);
          return;
        }
        if (response.statusCode() != 200) {
          String error;
          try (InputStream in = body) {
            error = OpenAiCodec.errorMessage(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
          }
          finish(FinishReason.ERROR, new EngineException(
              "The engine refused the request (HTTP " + response.statusCode() + "): " + error));
          return;
        }
        readStream(body);
      } catch (CancellationException e) {
        finish(FinishReason.CANCELLED, null);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cancelled) {
          finish(FinishReason.CANCELLED, null);
        } else {
          LOG.warn("Request to {} failed", apiRoot, cause);
          finish(FinishReason.ERROR, cause instanceof IOException io ? unreachable(io)
              : new EngineException("The engine failed: " + cause.getMessage(), cause));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish(FinishReason.CANCELLED, null);
      } catch (IOException e) {
        if (cancelled) {
          finish(FinishReason.CANCELLED, null);
        } else {
          LOG.warn("Lost the connection to {} mid-answer", apiRoot, e);
          finish(FinishReason.ERROR, new EngineException(
              "Lost the connection to the engine mid-answer; the partial answer was kept.", e));
        }
      } catch (EngineException e) {
        finish(cancelled ? FinishReason.CANCELLED : FinishReason.ERROR, e);
      } catch (RuntimeException e) {
        LOG.error("Generation failed", e);
        finish(cancelled ? FinishReason.CANCELLED : FinishReason.ERROR,
            new EngineException("The answer failed: " + e.getMessage(), e));
      }
    }

    private void readStream(InputStream in) throws IOException {
      FinishReason finish = null;
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          if (cancelled) {
            break;
          }
          if (!line.startsWith("data:")) {
            continue; // blank separators, comments (": ping"), event names
          }
          String data = line.substring(5).trim();
          if (data.equals("[DONE]")) {
            break;
          }
          ChatCompletionChunk chunk;
          try {
            chunk = OpenAiCodec.chunk(data);
          } catch (OpenAiException e) {
            finish(FinishReason.ERROR, new EngineException("The engine failed mid-answer: " + e.getMessage()));
            return;
          }
          if (chunk.usage() != null) {
            promptTokens = chunk.usage().promptTokens();
            completionTokens = chunk.usage().completionTokens();
          }
          String delta = chunk.content() == null ? "" : chunk.content();
          if (!delta.isEmpty() && !cancelled) {
            synchronized (text) {
              text.append(delta);
            }
            sink.accept(delta);
          }
          String reason = chunk.finishReason();
          if (reason != null && !reason.isEmpty()) {
            finish = reason.equals("length") ? FinishReason.LENGTH : FinishReason.STOP;
          }
        }
      }
      if (cancelled) {
        finish(FinishReason.CANCELLED, null);
      } else if (finish == null) {
        finish(FinishReason.ERROR, new EngineException(
            "The engine stopped answering mid-answer (the stream ended early); the partial answer was kept."));
      } else {
        finish(finish, null);
      }
    }

    void finish(FinishReason reason, EngineException error) {
      if (reason == FinishReason.CANCELLED && !cancelledByCaller && aborted != null) {
        reason = FinishReason.ERROR;
        error = aborted;
      }
      String partial;
      synchronized (text) {
        partial = text.toString();
      }
      result.complete(new Completion(partial, reason, promptTokens, completionTokens, error));
    }
  }

  private ChatCompletionRequest chatBody(ChatRequest request) throws EngineException {
    String modelId = options.model() != null ? options.model() : model().id();
    ChatCompletionRequest body = ChatCompletionRequest.streamed(modelId, wire(request.messages()),
        request.sampling().temperature(), request.sampling().topP(), request.sampling().maxTokens(), request.stop());
    if (!request.responseSchema().isEmpty()) {
      ObjectNode format = OpenAiCodec.object().put("type", "json_schema");
      try {
        format.putObject("json_schema").put("name", "answer").put("strict", true)
            .set("schema", OpenAiCodec.tree(request.responseSchema()));
      } catch (IOException e) {
        throw new EngineException("The answer format asked for is not valid JSON: " + e.getMessage(), e);
      }
      body = body.withResponseFormat(format);
    }
    // llama.cpp servers keep the prompt's KV cache; strict OpenAI servers reject unknown fields but report usage.
    return options.llamaCppExtensions() ? body.withExtension("cache_prompt", BooleanNode.TRUE)
        : body.withIncludeUsage(true);
  }

  private static List<Message> wire(List<ChatMessage> messages) {
    return messages.stream().map(m -> new Message(m.role().wireName(), m.content())).toList();
  }

  private HttpRequest.Builder requestBuilder(String url) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
    if (options.apiKey() != null && !options.apiKey().isBlank()) {
      builder.header("Authorization", "Bearer " + options.apiKey());
    }
    return builder;
  }

  private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
    return http.send(requestBuilder(url).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String getBody(String url) throws EngineException {
    try {
      HttpResponse<String> response = http.send(requestBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new EngineException("The server at " + apiRoot + " refused the API key (HTTP "
            + response.statusCode() + "); check it in Settings.");
      }
      if (response.statusCode() != 200) {
        throw new EngineException("The server at " + apiRoot + " answered HTTP " + response.statusCode() + ": "
            + OpenAiCodec.errorMessage(response.body()));
      }
      return response.body();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("Interrupted while contacting " + apiRoot + ".", e);
    }
  }

  private EngineException unreachable(IOException e) {
    if (e instanceof ConnectException) {
      return new EngineException("Cannot reach the engine at " + apiRoot + "; is it running?", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new EngineException("The engine at " + apiRoot + " did not answer in time.", e);
    }
    return new EngineException("Lost the connection to the engine at " + apiRoot + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        LOG.debug("Closing a cancelled stream failed", e);
      }
    }
  }
}
