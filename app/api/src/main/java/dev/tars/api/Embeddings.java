package dev.tars.api;

import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.embedding.Embedder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Semaphore;

/** {@code POST /v1/embeddings}: vectors from the knowledge base's embedding model, as floats or base64. */
final class Embeddings {
  private static final int MAX_INPUTS = 2048;

  private final Embedder embedder;
  private final Semaphore permits;
  private final int maxParallel;
  private final ApiMetrics metrics;

  /** @param embedder null when this server has no embedding model (requests get 501) */
  Embeddings(Embedder embedder, Semaphore permits, int maxParallel, ApiMetrics metrics) {
    this.embedder = embedder;
    this.permits = permits;
    this.maxParallel = maxParallel;
    this.metrics = metrics;
  }

  void answer(Exchange exchange, JsonNode body) throws OpenAiException {
    if (embedder == null) {
      throw new OpenAiException(501, "invalid_request_error", "embeddings_unavailable", null,
          "This Tars serves no embedding model, so /v1/embeddings is not available. Start it with the knowledge"
              + " features enabled (they bring the embedding model).");
    }
    JsonNode modelNode = body.get("model");
    String model = modelNode != null && modelNode.isTextual() ? modelNode.asText() : null;
    if (model != null && !model.equals(embedder.modelName()) && !model.equals(ChatCompletions.ALIAS)) {
      throw new OpenAiException(404, "invalid_request_error", "model_not_found", "model", "The embedding model '" + model
          + "' does not exist here. Tars embeds with '" + embedder.modelName() + "' (or use '"
          + ChatCompletions.ALIAS + "').");
    }
    exchange.model = embedder.modelName();
    List<String> texts = inputs(body.get("input"));
    JsonNode formatNode = body.get("encoding_format");
    String format = formatNode == null || formatNode.isNull() ? "float" : formatNode.asText();
    if (!format.equals("float") && !format.equals("base64")) {
      throw OpenAiException.invalid("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
    }
    JsonNode dimensions = body.get("dimensions");
    if (dimensions != null && !dimensions.isNull()
        && (!dimensions.canConvertToInt() || dimensions.asInt() != embedder.dimension())) {
      throw OpenAiException.invalid("dimensions", "This embedding model makes " + embedder.dimension()
          + "-dimensional vectors only; leave out 'dimensions' or set it to " + embedder.dimension() + ".");
    }
    if (!permits.tryAcquire()) {
      throw ApiErrors.busy(maxParallel);
    }
    List<float[]> vectors;
    metrics.inFlight.inc();
    try {
      vectors = embedder.embedPassages(texts);
    } finally {
      metrics.inFlight.dec();
      permits.release();
    }
    ObjectNode result = OpenAiCodec.object().put("object", "list");
    ArrayNode data = result.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (format.equals("base64")) {
        ByteBuffer bytes = ByteBuffer.allocate(vectors.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vectors.get(i));
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vectors.get(i)) {
          values.add(v);
        }
      }
    }
    int tokens = texts.stream().mapToInt(t -> Math.max(1, t.length() / 4)).sum();
    exchange.promptTokens = tokens;
    result.put("model", embedder.modelName());
    result.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    exchange.sendJson(200, result);
  }

  private static List<String> inputs(JsonNode input) throws OpenAiException {
    List<String> texts = new ArrayList<>();
    if (input != null && input.isTextual()) {
      texts.add(input.asText());
    } else if (input != null && input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw OpenAiException.invalid("input", "'input' must be a string or an array of strings (token arrays are not"
              + " supported; send the text).");
        }
        texts.add(item.asText());
      }
    } else {
      throw OpenAiException.invalid("input", "'input' must be a non-empty string or array of strings.");
    }
    if (texts.size() > MAX_INPUTS) {
      throw OpenAiException.invalid("input", "At most " + MAX_INPUTS + " inputs per request, got " + texts.size() + ".");
    }
    return texts;
  }
}
