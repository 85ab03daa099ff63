package dev.tars.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.protocol.openai.ChatCompletionRequest;
import dev.tars.protocol.openai.Message;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import dev.tars.protocol.openai.ToolRequest;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolAnswer;
import dev.tars.tools.ToolCallSchema;
import dev.tars.tools.ToolHandler;
import dev.tars.tools.ToolLoop;
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
 * @param tools the tools the model may call in this answer (empty for none, also with {@code tool_choice: none})
 * @param responseSchema the schema the answer must follow when there are tools ({@link ToolCallSchema}), else ""
 */
record ChatCall(String model, List<ChatMessage> messages, Sampling sampling, List<String> stop, boolean stream,
    boolean includeUsage, List<Long> collections, int knowledgeTokens, String question, List<Tool> tools,
    String responseSchema) {

  static final int DEFAULT_KNOWLEDGE_TOKENS = 1500;

  static ChatCall parse(JsonNode body, Sampling defaults) throws OpenAiException {
    ChatCompletionRequest request = OpenAiCodec.chatRequest(body);
    List<ChatMessage> messages = new ArrayList<>();
    for (Message m : request.messages()) {
      if (m.role().equals("tool")) {
        messages.add(new ChatMessage(Role.USER, ToolAnswer.resultText(m.toolCallId(), m.content())));
      } else if (m.role().equals("assistant") && !m.toolCalls().isEmpty()) {
        messages.add(new ChatMessage(Role.ASSISTANT, ToolAnswer.asAnswerText(m.toolCalls().stream()
            .map(c -> new ToolLoop.Call(c.name(), canonicalArguments(c.arguments()))).toList())));
      } else {
        Role role = switch (m.role()) {
          case "user" -> Role.USER;
          case "assistant" -> Role.ASSISTANT;
          default -> Role.SYSTEM; // system and developer
        };
        messages.add(new ChatMessage(role, m.content()));
      }
    }
    List<Tool> tools = tools(request.tools());
    String responseSchema = "";
    if (!tools.isEmpty()) {
      boolean mustCall = !request.tools().choice().equals("auto");
      responseSchema = ToolCallSchema.of(tools, mustCall, request.tools().parallel()).toString();
      String instructions = ToolAnswer.instructions(tools, mustCall);
      if (!messages.isEmpty() && messages.get(0).role() == Role.SYSTEM) {
        messages.set(0, ChatMessage.system(messages.get(0).content() + "\n\n" + instructions));
      } else {
        messages.add(0, ChatMessage.system(instructions));
      }
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
        request.includeUsage(), collections, knowledgeTokens, request.question(), tools, responseSchema);
  }

  /** The tools the model may call: all, the one named by {@code tool_choice}, or none. */
  private static List<Tool> tools(ToolRequest request) {
    if (request == null || request.choice().equals("none")) {
      return List.of();
    }
    return request.tools().stream()
        .filter(t -> request.function() == null || t.name().equals(request.function()))
        .map(t -> new Tool(t.name(), t.description(), t.parameters(), ToolHandler.RUN_BY_CLIENT)).toList();
  }

  /** Arguments a client sent back, as JSON the model can read again; broken JSON becomes a JSON string. */
  private static String canonicalArguments(String arguments) {
    try {
      JsonNode tree = OpenAiCodec.tree(arguments);
      return tree == null ? OpenAiCodec.object().textNode(arguments).toString() : tree.toString();
    } catch (java.io.IOException e) {
      return OpenAiCodec.object().textNode(arguments).toString();
    }
  }

  boolean hasTools() {
    return !tools.isEmpty();
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
