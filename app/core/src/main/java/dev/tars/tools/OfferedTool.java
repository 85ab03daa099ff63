package dev.tars.tools;

import java.util.Objects;

/**
 * A tool offered to the model in a conversation, with where it runs, as the person sees it on the call's card.
 *
 * @param tool the tool (its name is unique among the offered tools: an MCP tool's is {@code server.tool})
 * @param server who runs it: {@link #BUILT_IN} for Tars' own actions, else the MCP server's name
 * @param alwaysAllowed true when the person chose "Always allow this tool": it runs without asking
 */
public record OfferedTool(Tool tool, String server, boolean alwaysAllowed) {
  /** The {@code server} of Tars' own tools (notes, agenda, reminders, memory, documents). */
  public static final String BUILT_IN = "Tars";

  public OfferedTool {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(server, "server");
  }
}
