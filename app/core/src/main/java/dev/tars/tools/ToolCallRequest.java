package dev.tars.tools;

/**
 * A call the model asks for in a conversation, waiting for the person's decision.
 *
 * @param conversationId the conversation being answered
 * @param tool what would run
 * @param arguments the arguments, as JSON text that already matches the tool's schema
 */
public record ToolCallRequest(long conversationId, OfferedTool tool, String arguments) {
  /** What the person decided on the call's card. */
  public enum Decision {
    ALLOW_ONCE,
    /** Run it, and run this tool from now on without asking. */
    ALWAYS_ALLOW,
    DENY
  }
}
