package dev.tars.knowledge;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.PromptContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Puts the passages of the person's documents that best match their latest message into the prompt, when the
 * conversation answers from documents ({@link ConversationDocuments}). The block numbers the passages, and
 * each has a source {@code [n] file, page p} whose reference ({@link PassageReference}) opens it.
 *
 * <p>Budget: a quarter of the context window, between {@value #MIN_BUDGET} and {@value #MAX_BUDGET} tokens. The
 * answer may take up to half the window (see ContextWindow) and the conversation needs the rest; with the
 * default 4096-token window that is 1024 tokens, two or three ~300-token passages, which is what small local
 * models use well. The floor keeps one whole passage even in tiny windows; the ceiling keeps big windows from
 * drowning the question in loosely related text.
 */
public final class DocumentContext implements PromptContext {
  public static final String KIND = "knowledge";
  static final int MIN_BUDGET = 300;
  static final int MAX_BUDGET = 2000;

  private final KnowledgeRetriever retriever;
  private final ConversationDocuments choices;
  private final IntSupplier contextTokens;

  /** @param contextTokens the model's context window in tokens (read per answer: Settings may change it) */
  public DocumentContext(KnowledgeRetriever retriever, ConversationDocuments choices, IntSupplier contextTokens) {
    this.retriever = retriever;
    this.choices = choices;
    this.contextTokens = contextTokens;
  }

  static int budget(int contextTokens) {
    return Math.clamp(contextTokens / 4, MIN_BUDGET, MAX_BUDGET);
  }

  @Override
  public List<ContextBlock> contextFor(Conversation conversation, String latestUserText) {
    if (latestUserText == null || latestUserText.isBlank()) {
      return List.of();
    }
    DocumentChoice choice = choices.choice(conversation.id());
    if (!choice.enabled()) {
      return List.of();
    }
    List<Passage> passages = retriever.retrieve(latestUserText, choice.collectionIds(),
        budget(contextTokens.getAsInt()));
    if (passages.isEmpty()) {
      return List.of();
    }
    List<ContextBlock.Source> sources = new ArrayList<>(passages.size());
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      sources.add(new ContextBlock.Source("[" + (i + 1) + "] " + PassageFormat.label(p),
          PassageReference.of(p).toString()));
    }
    return List.of(new ContextBlock(KIND, PassageFormat.render(passages), sources));
  }
}
