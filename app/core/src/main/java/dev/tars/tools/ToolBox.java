package dev.tars.tools;

import java.util.List;

/**
 * The tools a conversation's answer may call and the person's say over each call. The chat asks for it once
 * per answer, on the answering thread. Nothing the model writes or a tool returns reaches this interface other
 * than as the arguments of a call the person decides on: a result can never turn a tool on or change a setting.
 */
public interface ToolBox {
  /** No tools: answers are plain text. */
  ToolBox NONE = new ToolBox() {
    @Override
    public List<OfferedTool> offered() {
      return List.of();
    }

    @Override
    public ToolCallRequest.Decision approve(ToolCallRequest request) {
      return ToolCallRequest.Decision.DENY;
    }
  };

  /** The tools turned on for conversations now; empty when tools in conversations are off. */
  List<OfferedTool> offered();

  /** Most rounds of calls per answer. */
  default int maxRounds() {
    return ToolLoop.DEFAULT_MAX_ROUNDS;
  }

  /**
   * Asks the person about one call and waits for the answer (the answering thread blocks; never the UI's).
   * Not called for a tool the person always allows.
   */
  ToolCallRequest.Decision approve(ToolCallRequest request) throws InterruptedException;

  /**
   * As {@link #approve(ToolCallRequest)}, giving up (a denial) as soon as {@code stopped} says the person pressed
   * Stop, so the question is taken back instead of left waiting. By default the question is not taken back.
   */
  default ToolCallRequest.Decision approve(ToolCallRequest request, java.util.function.BooleanSupplier stopped)
      throws InterruptedException {
    return approve(request);
  }
}
