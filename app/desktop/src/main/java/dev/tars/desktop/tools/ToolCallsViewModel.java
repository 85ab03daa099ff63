package dev.tars.desktop.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.mcpclient.ChatTools;
import dev.tars.tools.ToolCallRequest;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The calls waiting for the person's decision, one card each in the conversation. The chat's answering thread
 * asks through {@link #approver()} and waits; the decision comes from the card, on the UI thread.
 */
public final class ToolCallsViewModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call waiting for a decision. */
  public final class Pending {
    private final ToolCallRequest request;
    private final CompletableFuture<ToolCallRequest.Decision> decision = new CompletableFuture<>();

    Pending(ToolCallRequest request) {
      this.request = request;
    }

    public String tool() {
      String name = request.tool().tool().name();
      int dot = name.indexOf('.');
      return dot < 0 ? name : name.substring(dot + 1);
    }

    public String server() {
      return request.tool().server();
    }

    public long conversationId() {
      return request.conversationId();
    }

    /** The arguments laid out one per line. */
    public String arguments() {
      try {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(request.arguments()));
      } catch (java.io.IOException e) {
        return request.arguments();
      }
    }

    public void decide(ToolCallRequest.Decision chosen) {
      decision.complete(chosen);
      pending.remove(this);
    }
  }

  private final ObservableList<Pending> pending = FXCollections.observableArrayList();
  private final UiDispatcher ui;

  public ToolCallsViewModel(UiDispatcher ui) {
    this.ui = ui;
  }

  public ObservableList<Pending> pending() {
    return pending;
  }

  /** For {@link ChatTools#setApprover}: shows a card and completes when the person chooses. */
  public ChatTools.Approver approver() {
    return request -> {
      Pending call = new Pending(request);
      ui.run(() -> pending.add(call));
      // Taken back by the chat (Stop was pressed): the card goes away.
      call.decision.whenComplete((decided, cancelled) -> {
        if (cancelled != null) {
          ui.run(() -> pending.remove(call));
        }
      });
      return call.decision;
    };
  }

  /** Denies every call still waiting (the window closes, the person starts another conversation). */
  public void denyAll() {
    for (Pending call : java.util.List.copyOf(pending)) {
      call.decide(ToolCallRequest.Decision.DENY);
    }
  }
}
