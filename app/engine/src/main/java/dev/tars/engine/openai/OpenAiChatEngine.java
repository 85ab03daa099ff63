package dev.tars.engine.openai;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.concurrent.NamedThreads;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.TokenSink;
import dev.tars.protocol.openai.ChatCompletionRequest;
import dev.tars.protocol.openai.Message;
import dev.tars.protocol.openai.Model;
import dev.tars.protocol.openai.OpenAiCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
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
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>The wire format is the shared protocol's ({@link OpenAiCodec}). A streamed answer is a
 * {@link StreamingGeneration} over a {@link ChatStream}: the JDK's HTTP client for any server, or, for the engine
 * child only ({@link Options#engineChild}), a plain loopback socket read on one thread (decision 1431).
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
   * @param loopbackStream read answers over a plain socket on one thread ({@link LoopbackChatStream}): only for
   *     {@code http} to a loopback address, i.e. the engine child
   */
  public record Options(URI baseUrl, String apiKey, String model, boolean llamaCppExtensions,
      Duration connectTimeout, Duration responseTimeout, boolean loopbackStream) {
    public Options {
      Objects.requireNonNull(baseUrl, "baseUrl");
      apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      model = model == null || model.isBlank() ? null : model.strip();
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(responseTimeout, "responseTimeout");
      if (loopbackStream && !isLoopbackHttp(baseUrl)) {
        throw new IllegalArgumentException("a loopback stream needs an http:// URL of this machine, not " + baseUrl);
      }
    }

    /** A remote OpenAI-compatible server; {@code apiKey} and {@code model} may be null. */
    public static Options remote(URI baseUrl, String apiKey, String model) {
      return new Options(baseUrl, apiKey, model, false, Duration.ofSeconds(10), Duration.ofMinutes(5), false);
    }

    /** A llama.cpp-compatible server, through the JDK's HTTP client like any other server. */
    public static Options llamaCpp(URI baseUrl, String apiKey) {
      return new Options(baseUrl, apiKey, null, true, Duration.ofSeconds(5), Duration.ofMinutes(10), false);
    }

    /** The Tars engine child on this machine: llama.cpp's extensions, answers read over a plain loopback socket. */
    public static Options engineChild(URI baseUrl, String apiKey) {
      return new Options(baseUrl, apiKey, null, true, Duration.ofSeconds(5), Duration.ofMinutes(10), true);
    }

    private static boolean isLoopbackHttp(URI url) {
      if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
        return false;
      }
      try {
        return InetAddress.getByName(url.getHost()).isLoopbackAddress();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
    StreamingGeneration generation = new StreamingGeneration(sink, apiRoot.toString());
    running.add(generation);
    generation.result().whenComplete((c, e) -> running.remove(generation));
    try {
      workers.execute(() -> generation.run(() -> chatStream(request)));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      generation.finish(FinishReason.ERROR, new EngineException("The engine is closed.", e));
    }
    return generation;
  }

  /** The engine child's loopback stream is read on one thread; every other server goes through the JDK client. */
  private ChatStream chatStream(ChatRequest request) throws EngineException {
    byte[] body = OpenAiCodec.json(chatBody(request)).getBytes(StandardCharsets.UTF_8);
    URI uri = URI.create(apiRoot + "/chat/completions");
    if (options.loopbackStream()) {
      return new LoopbackChatStream(uri, options.apiKey(), body, options.connectTimeout(), options.responseTimeout());
    }
    return new JdkChatStream(http, requestBuilder(uri.toString())
        .timeout(options.responseTimeout())
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build());
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
    return unreachable(apiRoot.toString(), e);
  }

  /** What a person reads when a request could not reach {@code server} or got no answer from it. */
  static EngineException unreachable(String server, IOException e) {
    if (e instanceof ConnectException) {
      return new EngineException("Cannot reach the engine at " + server + "; is it running?", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new EngineException("The engine at " + server + " did not answer in time.", e);
    }
    return new EngineException("Lost the connection to the engine at " + server + ": " + e.getMessage(), e);
  }

  /** The start of a long text, for a message. */
  static String cut(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
