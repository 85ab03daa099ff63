package dev.tars.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.protocol.openai.ChatCompletionRequest;
import dev.tars.protocol.openai.Message;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v1/chat/completions} body as the local API serves it: the request the protocol checked
 * ({@link OpenAiCodec#chatRequest}) in Tars' own terms, with the server's sampling defaults filled in and the
 * {@code tars} extension object read.
 *
 * @param model requested model id, null when not given
 * @param collections knowledge collections to answer from, null when knowledge was not asked for
 * @param knowledgeTokens how much retrieved text may go into the prompt
 */
record ChatCall(String model, List<ChatMessage> messages, Sampling sampling, List<String> stop, boolean stream,
    boolean includeUsage, List<Long> collections, int knowledgeTokens, String question) {

  static final int DEFAULT_KNOWLEDGE_TOKENS = 1500;

  static ChatCall parse(JsonNode body, Sampling defaults) throws OpenAiException {
    ChatCompletionRequest request = OpenAiCodec.chatRequest(body);
    List<ChatMessage> messages = new ArrayList<>();
    for (Message m : request.messages()) {
      Role role = switch (m.role()) {
        case "user" -> Role.USER;
        case "assistant" -> Role.ASSISTANT;
        default -> Role.SYSTEM; // system and developer
      };
      messages.add(new ChatMessage(role, m.content()));
    }
    Sampling sampling;
    try {
      sampling = new Sampling(request.temperature() == null ? defaults.temperature() : request.temperature(),
          request.topP() == null ? defaults.topP() : request.topP(),
          request.maxTokens() == null ? defaults.maxTokens() : request.maxTokens());
    } catch (IllegalArgumentException e) {
      throw OpenAiException.invalid(null, e.getMessage());
    }
    List<Long> collections = null;
    int knowledgeTokens = DEFAULT_KNOWLEDGE_TOKENS;
    JsonNode tars = request.extension("tars");
    if (tars != null) {
      if (!tars.isObject()) {
        throw OpenAiException.invalid("tars", "'tars' must be an object (see docs/api/openapi.yaml).");
      }
      JsonNode knowledge = tars.get("knowledge");
      if (knowledge != null && !knowledge.isNull()) {
        if (!knowledge.isObject()) {
          throw OpenAiException.invalid("tars.knowledge",
              "'tars.knowledge' must be an object such as {\"collections\": [1]}.");
        }
        collections = collections(knowledge.get("collections"));
        Integer budget = OpenAiCodec.positiveInt(knowledge, "token_budget");
        knowledgeTokens = budget == null ? DEFAULT_KNOWLEDGE_TOKENS : budget;
      }
    }
    return new ChatCall(request.model(), messages, sampling, request.stop(), request.stream(),
        request.includeUsage(), collections, knowledgeTokens, request.question());
  }

  private static List<Long> collections(JsonNode ids) throws OpenAiException {
    List<Long> collections = new ArrayList<>();
    if (ids == null || ids.isNull()) {
      return collections;
    }
    if (!ids.isArray()) {
      throw OpenAiException.invalid("tars.knowledge.collections", "'tars.knowledge.collections' must be an array"
          + " of collection ids (empty for all).");
    }
    for (JsonNode id : ids) {
      if (!id.isIntegralNumber() || !id.canConvertToLong()) {
        throw OpenAiException.invalid("tars.knowledge.collections", "Collection ids are whole numbers, not "
            + AuditLog.cut(id.toString()) + ".");
      }
      collections.add(id.asLong());
    }
    return collections;
  }
}
