package dev.tars.desktop.tools;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.desktop.feature.ChatHooks;
import dev.tars.mcpclient.ChatTools;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;

/**
 * Tools in the window: the Settings → Tools section, a card in the conversation for each call the model asks
 * for, and the calls' results folded under the answer.
 */
public final class ToolsFeature {
  private final ChatTools tools;
  private final ToolCallsViewModel calls;
  private final ToolsSettingsViewModel settings;
  private final I18n i18n;

  public ToolsFeature(ChatTools tools, Background background, UiDispatcher ui, I18n i18n) {
    this.tools = tools;
    this.i18n = i18n;
    this.calls = new ToolCallsViewModel(ui);
    this.settings = new ToolsSettingsViewModel(tools, background, i18n);
  }

  public ToolCallsViewModel calls() {
    return calls;
  }

  public ToolsSettingsViewModel settings() {
    return settings;
  }

  /**
   * Asks the person through cards in {@code chat} and adds the section with {@code addSettingsSection(title,
   * builder)}.
   */
  public void attach(ChatHooks chat, BiConsumer<String, Supplier<Node>> addSettingsSection) {
    Map<ToolCallsViewModel.Pending, Node> cards = new HashMap<>();
    // A call's card shows in its own conversation only; it waits there while another one is shown.
    Runnable showCards = () -> calls.pending().forEach(call -> {
      Long shown = chat.conversationId().getValue();
      boolean here = shown == null || shown == call.conversationId();
      Node card = cards.computeIfAbsent(call, c -> new ToolCallCard(c, i18n));
      chat.removeCard(card);
      if (here) {
        chat.showCard(card);
      }
    });
    calls.pending().addListener((ListChangeListener<ToolCallsViewModel.Pending>) change -> {
      while (change.next()) {
        change.getRemoved().forEach(call -> chat.removeCard(cards.remove(call)));
      }
      showCards.run();
    });
    chat.conversationId().addListener((obs, old, now) -> showCards.run());
    chat.setSourceView(ToolResultsView.KIND, sources -> ToolResultsView.of(sources, i18n));
    tools.setApprover(calls.approver());
    addSettingsSection.accept(i18n.get("tools.title"), () -> new ToolsSettingsView(settings, i18n).root());
  }

  static String stylesheet() {
    return java.util.Objects.requireNonNull(ToolsFeature.class.getResource("tools.css"), "tools.css")
        .toExternalForm();
  }

  /** Stops asking: calls still waiting are denied. */
  public void detach() {
    tools.setApprover(null);
    calls.denyAll();
  }
}
