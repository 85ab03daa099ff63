package dev.tars.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.knowledge.KnowledgeService;
import dev.tars.search.SearchSource;
import dev.tars.tools.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tars as an MCP server, on the official MCP Java SDK (decision 1510): the {@link BuiltInTools} as MCP tools and
 * notes and documents as resources, over whichever transport the caller gives ({@link McpStdio} for
 * {@code tars mcp}, {@link McpHttpEndpoint} for the local API's {@code /mcp}). The SDK checks every call's
 * arguments against the tool's schema and answers a mismatch as a tool error ({@code isError}); a call the tool
 * refuses, or one that fails, is a tool error too, never a broken session.
 */
public final class TarsMcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(TarsMcpServer.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JSON);

  /**
   * What the server answers from.
   *
   * @param documents the knowledge base's service, opened on first use; throws when documents are unavailable
   * @param language the person's language tag (tool errors and instructions are in it)
   * @param version Tars' version, sent as the server's
   */
  public record Services(Supplier<KnowledgeService> documents, Actions actions, SearchSource conversations,
      String language, String version) {
    public Services {
      Objects.requireNonNull(documents, "documents");
      Objects.requireNonNull(actions, "actions");
      Objects.requireNonNull(conversations, "conversations");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(version, "version");
    }
  }

  private TarsMcpServer() {}

  /**
   * Adds Tars' tools, resources and instructions to {@code spec} and builds the server.
   *
   * @param allowActions whether the tools that change things are offered (the person allowed actions from
   *     other apps)
   */
  static McpSyncServer build(McpServer.SyncSpecification<?> spec, Services services, boolean allowActions) {
    McpTexts texts = McpTexts.of(services.language());
    BuiltInTools tools = new BuiltInTools(services.documents(), services.actions(), services.conversations(), texts);
    McpResources resources = new McpResources(services.actions().notes(), services.documents(), texts);
    AtomicReference<McpSyncServer> built = new AtomicReference<>();
    List<SyncToolSpecification> specs = tools.tools(new BuiltInTools.Caller(Origin.MCP, ""), allowActions).stream()
        .map(tool -> new SyncToolSpecification(mcpTool(tool),
            (exchange, request) -> call(tools, allowActions, exchange, request, texts,
                () -> resources.refresh(built.get()))))
        .toList();
    McpSyncServer server = spec.serverInfo("tars", services.version())
        .instructions(texts.get("mcp.instructions", allowActions ? texts.get("mcp.instructions.actions") : ""))
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, true).build())
        .jsonMapper(MAPPER).jsonSchemaValidator(new DefaultJsonSchemaValidator(JSON)).validateToolInputs(true)
        .tools(specs).resources(concat(resources.indexes(), resources.items()))
        .resourceTemplates(resources.templates()).build();
    built.set(server);
    LOG.info("MCP server ready: {} tools (actions from other apps {})", specs.size(),
        allowActions ? "allowed" : "not allowed");
    return server;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The MCP description of one of the one tool model's tools. */
  static McpSchema.Tool mcpTool(Tool tool) {
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = JSON.convertValue(tool.parameters(), Map.class);
    boolean changes = BuiltInTools.ACTION_TOOLS.contains(tool.name());
    return McpSchema.Tool.builder().name(tool.name()).description(tool.description()).inputSchema(schema)
        .annotations(new McpSchema.ToolAnnotations(null, !changes, false, false, false, null)).build();
  }

  private static CallToolResult call(BuiltInTools tools, boolean allowActions, McpSyncServerExchange exchange,
      CallToolRequest request, McpTexts texts, Runnable afterAction) {
    String client = exchange.getClientInfo() == null ? "" : exchange.getClientInfo().name();
    Tool tool = tools.tools(new BuiltInTools.Caller(Origin.MCP, client), allowActions).stream()
        .filter(t -> t.name().equals(request.name())).findFirst().orElseThrow();
    JsonNode arguments = JSON.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
    try {
      String text = tool.handler().call(arguments);
      if (BuiltInTools.ACTION_TOOLS.contains(tool.name())) {
        afterAction.run();
      }
      return CallToolResult.builder().addTextContent(text).isError(false).build();
    } catch (BuiltInTools.ToolRefusal e) {
      LOG.debug("MCP call {} from {} refused: {}", tool.name(), client, e.getMessage());
      return CallToolResult.builder().addTextContent(e.getMessage()).isError(true).build();
    } catch (Exception e) {
      LOG.error("MCP call {} from {} failed", tool.name(), client, e);
      return CallToolResult.builder().addTextContent(texts.get("mcp.failed", tool.name())).isError(true).build();
    }
  }
}
