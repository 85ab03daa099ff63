package dev.tars.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool schemas the grammar tests run on: Tars' built-in tools and those of the reference MCP servers from
 * npm ({@code @modelcontextprotocol/server-everything} and {@code server-filesystem} 2026.8.31), saved from their
 * {@code tools/list} answers.
 */
final class ToolSchemas {
  static final List<String> REFERENCE_FILES = List.of("server-everything-2026.8.31.json",
      "server-filesystem-2026.8.31.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolSchemas() {}

  static List<Tool> builtIn() {
    List<Tool> tools = new ArrayList<>();
    for (String name : concat(BuiltInTools.READ_TOOLS, BuiltInTools.ACTION_TOOLS)) {
      tools.add(new Tool(name, name, BuiltInTools.schema(name), ToolHandler.RUN_BY_CLIENT));
    }
    return tools;
  }

  static List<Tool> reference() {
    List<Tool> tools = new ArrayList<>();
    for (String file : REFERENCE_FILES) {
      try (InputStream in = ToolSchemas.class.getResourceAsStream("reference/" + file)) {
        for (JsonNode tool : JSON.readTree(in)) {
          tools.add(new Tool(file.substring(0, file.indexOf("-2026")) + "/" + tool.get("name").asText(),
              tool.path("description").asText(""), tool.get("inputSchema"), ToolHandler.RUN_BY_CLIENT));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tools;
  }

  static List<Tool> all() {
    List<Tool> all = new ArrayList<>(builtIn());
    all.addAll(reference());
    return all;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
