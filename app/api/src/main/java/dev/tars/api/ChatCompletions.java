package dev.tars.api;

import dev.tars.search.KnowledgeSource;
import dev.tars.protocol.openai.ChatCompletion;
import dev.tars.protocol.openai.ChatCompletionChunk;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import dev.tars.protocol.openai.ToolCall;
import dev.tars.tools.ToolAnswer;
import dev.tars.protocol.openai.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.PromptTooLongException;
import dev.tars.chat.StatelessChat;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.ModelInfo;
import dev.tars.engine.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}: runs asynchronously. The server thread returns once the answer has
 * started; text is written to the client from the engine's thread as it streams, and a failed write (the client
 * went away) cancels the generation so the engine is free for the next request.
 */
final class ChatCompletions {
  private static final Logger LOG = LoggerFactory.getLogger(ChatCompletions.class);
  /** The model id that always means "whatever model Tars is serving". */
  static final String ALIAS = "tars";
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

  private final ApiServer.Options options;
  private final ApiServer.Services services;
  private final Semaphore permits;
  private final ApiMetrics metrics;
  private final Set<Generation> running;
  private final ExecutorService historyWriter;

  ChatCompletions(ApiServer.Options options, ApiServer.Services services, Semaphore permits, ApiMetrics metrics,
      Set<Generation> running, ExecutorService historyWriter) {
    this.options = options;
    this.services = services;
    this.permits = permits;
    this.metrics = metrics;
    this.running = running;
    this.historyWriter = historyWriter;
  }

  ModelInfo servedModel() throws OpenAiException {
    try {
      return services.chat().model();
    } catch (EngineException e) {
      throw ApiErrors.engineUnavailable(e.getMessage());
    }
  }

  static OpenAiException unknownModel(String asked, String served) {
    return new OpenAiException(404, "invalid_request_error", "model_not_found", "model", "The model '" + asked
        + "' does not exist here. Tars serves '" + served + "' (or use '" + ALIAS + "'); GET /v1/models lists it.");
  }

  void answer(Exchange exchange, JsonNode body) throws OpenAiException {
    ChatCall call = ChatCall.parse(body, options.defaults());
    exchange.stream = call.stream();
    if (!permits.tryAcquire()) {
      throw ApiErrors.busy(options.maxParallel());
    }
    boolean handedOff = false;
    metrics.inFlight.inc();
    try {
      ModelInfo model = servedModel();
      if (call.model() != null && !call.model().equals(model.id()) && !call.model().equals(ALIAS)) {
        throw unknownModel(call.model(), model.id());
      }
      exchange.model = model.id();
      List<KnowledgeSource.Passage> passages = passages(call);
      List<ChatMessage> prompt = passages.isEmpty() ? call.messages() : withSources(call.messages(), passages);
      ChatStream stream = new ChatStream(exchange, call, model.id(), passages);
      // Before the answer starts: a short answer may complete the exchange before answer() returns.
      exchange.request.addFailureListener(stream::clientGone);
      StatelessChat.Answer answer;
      try {
        answer = services.chat().answer(prompt, call.sampling(), call.stop(), call.responseSchema(), stream::delta);
      } catch (PromptTooLongException e) {
        throw new OpenAiException(400, "invalid_request_error", "context_length_exceeded", "messages", e.getMessage());
      } catch (EngineException e) {
        throw ApiErrors.engineUnavailable(e.getMessage());
      }
      handedOff = true;
      // A big model may think for minutes before its first token; the connection is idle meanwhile.
      exchange.request.getConnectionMetaData().getConnection().getEndPoint()
          .setIdleTimeout(ApiServer.ANSWER_IDLE_MILLIS);
      stream.started(answer);
    } finally {
      if (!handedOff) {
        metrics.inFlight.dec();
        permits.release();
      }
    }
  }

  private List<KnowledgeSource.Passage> passages(ChatCall call) throws OpenAiException {
    if (call.collections() == null) {
      return List.of();
    }
    if (services.knowledge() == null) {
      throw new OpenAiException(501, "invalid_request_error", "knowledge_unavailable", "tars.knowledge",
          "Answering from documents is not available on this server: no knowledge index is connected to the"
              + " local API yet. Leave out 'tars.knowledge' to ask the model alone.");
    }
    try {
      return services.knowledge().retrieve(call.question(), call.collections(), call.knowledgeTokens());
    } catch (RuntimeException e) {
      LOG.warn("Knowledge retrieval failed", e);
      throw new OpenAiException(503, "server_error", "knowledge_unavailable", "tars.knowledge",
          "Searching your documents failed: " + e.getMessage());
    }
  }

  /** The retrieved passages go into the system prompt, which context trimming always keeps. */
  private static List<ChatMessage> withSources(List<ChatMessage> messages, List<KnowledgeSource.Passage> passages) {
    StringBuilder sources = new StringBuilder("Answer from the numbered sources below when they are relevant and"
        + " cite them like [1]. If they do not hold the answer, say so.\n");
    for (int i = 0; i < passages.size(); i++) {
      KnowledgeSource.Passage p = passages.get(i);
      sources.append("\n[").append(i + 1).append("] ").append(p.path());
      if (p.page() > 0) {
        sources.append(", page ").append(p.page());
      }
      sources.append("\n").append(p.text().strip()).append("\n");
    }
    List<ChatMessage> out = new ArrayList<>(messages);
    if (!out.isEmpty() && out.get(0).role() == Role.SYSTEM) {
      out.set(0, ChatMessage.system(out.get(0).content() + "\n\n" + sources));
    } else {
      out.add(0, ChatMessage.system(sources.toString()));
    }
    return out;
  }

  /**
   * The response of one chat completion: SSE chunks as text arrives, or one JSON body at the end. Writes are
   * blocking and serialized; the first failed write means the client went away and the generation is cancelled.
   */
  private final class ChatStream {
    private final Exchange exchange;
    private final ChatCall call;
    private final String modelId;
    private final List<KnowledgeSource.Passage> passages;
    private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    private final long created = System.currentTimeMillis() / 1000;
    private boolean headerSent;
    /** Pieces of text received; stands in for the token count when the engine was cut off before reporting it. */
    private int deltas;
    private volatile boolean gone;
    private volatile Generation generation;
    private StatelessChat.Answer answer;

    ChatStream(Exchange exchange, ChatCall call, String modelId, List<KnowledgeSource.Passage> passages) {
      this.exchange = exchange;
      this.call = call;
      this.modelId = modelId;
      this.passages = passages;
    }

    void started(StatelessChat.Answer started) {
      this.answer = started;
      this.generation = started.generation();
      running.add(generation);
      if (call.stream()) {
        synchronized (this) {
          sendHeader();
        }
      }
      if (gone) {
        generation.cancel();
      }
      generation.result().whenComplete((completion, failure) -> finish(completion));
    }

    /** Text from the engine (its thread). */
    synchronized void delta(String text) {
      deltas++;
      // A tool answer is JSON until it is complete: it goes out as calls or text once read (finish).
      if (!call.stream() || gone || call.hasTools()) {
        return;
      }
      sendHeader();
      send(ChatCompletionChunk.text(id, created, modelId, text));
    }

    void clientGone(Throwable why) {
      if (!gone) {
        gone = true;
        LOG.info("Client of {} went away mid-answer ({}); stopping the generation", exchange.id, why.toString());
      }
      Generation g = generation;
      if (g != null) {
        g.cancel();
      }
    }

    private void sendHeader() {
      if (headerSent || gone) {
        return;
      }
      headerSent = true;
      exchange.response.setStatus(200);
      exchange.commonHeaders();
      exchange.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      exchange.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
      exchange.response.getHeaders().put("X-Accel-Buffering", "no");
      send(ChatCompletionChunk.first(id, created, modelId));
    }

    private void send(ChatCompletionChunk chunk) {
      sendEvent(OpenAiCodec.json(chunk));
    }

    private void sendEvent(String json) {
      write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8), false);
    }

    private void write(byte[] bytes, boolean last) {
      if (gone) {
        return;
      }
      try {
        Content.Sink.write(exchange.response, last, ByteBuffer.wrap(bytes));
      } catch (IOException | RuntimeException e) {
        clientGone(e);
      }
    }

    private void finish(Completion completion) {
      running.remove(generation);
      metrics.inFlight.dec();
      permits.release();
      exchange.request.getConnectionMetaData().getConnection().getEndPoint()
          .setIdleTimeout(ApiServer.CONNECTION_IDLE_MILLIS);
      try {
        int promptTokens = completion.promptTokens() >= 0 ? completion.promptTokens() : answer.trim().promptTokens();
        exchange.promptTokens = promptTokens;
        int completionTokens;
        synchronized (this) {
          completionTokens = completion.completionTokens() >= 0 ? completion.completionTokens() : deltas;
        }
        exchange.completionTokens = completionTokens;
        if (promptTokens > 0) {
          metrics.promptTokens.inc(promptTokens);
        }
        if (completionTokens > 0) {
          metrics.completionTokens.inc(completionTokens);
        }
        keepInHistory(completion);
        if (gone) {
          metrics.disconnects.inc();
          exchange.lost(new IOException("client went away"));
          return;
        }
        if (completion.finishReason() == FinishReason.ERROR || completion.finishReason() == FinishReason.CANCELLED) {
          String message = completion.error() != null ? completion.error().getMessage()
              : "The answer was stopped because the server is shutting down.";
          failed(new OpenAiException(502, "server_error", "engine_error", null, message));
          return;
        }
        String finish = completion.finishReason() == FinishReason.LENGTH ? "length" : "stop";
        String text = completion.text();
        List<ToolCall> toolCalls = List.of();
        if (call.hasTools()) {
          ToolAnswer read = ToolAnswer.parse(text);
          toolCalls = read.calls().stream().map(c -> new ToolCall("call_" + UUID.randomUUID().toString()
              .replace("-", "").substring(0, 24), c.name(), c.arguments())).toList();
          text = toolCalls.isEmpty() ? read.text() : null;
          finish = toolCalls.isEmpty() ? finish : "tool_calls";
        }
        if (call.stream()) {
          finishStream(finish, text, toolCalls, promptTokens, completionTokens);
        } else {
          exchange.sendJson(200, finish, OpenAiCodec.json(new ChatCompletion(id, created, modelId,
              text, finish, new Usage(promptTokens, completionTokens), extension(), null, toolCalls)));
        }
      } catch (RuntimeException e) {
        LOG.error("Finishing chat completion {} failed", exchange.id, e);
        exchange.done(500, "internal_error");
        exchange.callback.failed(e);
      }
    }

    private void finishStream(String finish, String text, List<ToolCall> toolCalls, int promptTokens,
        int completionTokens) {
      synchronized (this) {
        sendHeader();
        if (!toolCalls.isEmpty()) {
          send(ChatCompletionChunk.toolCalls(id, created, modelId, toolCalls));
        } else if (call.hasTools() && !text.isEmpty()) {
          send(ChatCompletionChunk.text(id, created, modelId, text));
        }
        send(ChatCompletionChunk.last(id, created, modelId, finish).withTars(extension()));
        if (call.includeUsage()) {
          send(ChatCompletionChunk.usageOnly(id, created, modelId, new Usage(promptTokens, completionTokens)));
        }
        write(DONE, true);
      }
      if (gone) {
        exchange.lost(new IOException("client went away"));
      } else {
        exchange.done(200, finish);
        exchange.callback.succeeded();
      }
    }

    /** The engine failed part-way: an error event in the stream, or an error response. */
    private void failed(OpenAiException error) {
      LOG.warn("Chat completion {} failed: {}", exchange.id, error.getMessage());
      synchronized (this) {
        if (headerSent) {
          sendEvent(OpenAiCodec.json(error.body()));
          write(DONE, true);
          exchange.done(200, error.code());
          if (gone) {
            exchange.callback.failed(new IOException("client went away"));
          } else {
            exchange.callback.succeeded();
          }
          return;
        }
      }
      exchange.sendError(error);
    }

    private ObjectNode extension() {
      ObjectNode tars = OpenAiCodec.object();
      tars.put("dropped_messages", answer.trim().droppedMessages());
      ArrayNode citations = tars.putArray("citations");
      for (int i = 0; i < passages.size(); i++) {
        KnowledgeSource.Passage p = passages.get(i);
        citations.addObject().put("index", i + 1).put("document_id", p.documentId())
            .put("collection_id", p.collectionId()).put("path", p.path()).put("page", p.page())
            .put("score", p.score()).put("text", p.text());
      }
      return tars;
    }

    private void keepInHistory(Completion completion) {
      if (!options.recordHistory() || services.history() == null
          || completion.text().isEmpty() && completion.finishReason() == FinishReason.ERROR) {
        return;
      }
      MessageStatus status = gone ? MessageStatus.STOPPED : switch (completion.finishReason()) {
        case STOP, LENGTH -> MessageStatus.COMPLETE;
        case CANCELLED -> MessageStatus.STOPPED;
        case ERROR -> MessageStatus.INTERRUPTED;
      };
      List<ChatMessage> turns = new ArrayList<>(call.messages());
      turns.add(ChatMessage.assistant(completion.text()));
      String title = "API: " + shorten(call.question());
      try {
        historyWriter.execute(() -> {
          try {
            services.history().recordExchange(title, call.sampling(), turns, status);
          } catch (RuntimeException e) {
            LOG.warn("Could not keep API request {} in the history", exchange.id, e);
          }
        });
      } catch (RejectedExecutionException e) {
        LOG.debug("Server closing; API request {} not kept in the history", exchange.id);
      }
    }
  }

  private static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 50 ? oneLine : oneLine.substring(0, 50) + "…";
  }
}
