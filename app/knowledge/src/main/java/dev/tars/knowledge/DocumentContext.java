package dev.tars.knowledge;

import dev.tars.chat.ContextBlock;
import dev.tars.chat.Conversation;
import dev.tars.chat.EngineSource;
import dev.tars.chat.PromptContext;
import dev.tars.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Puts the passages of the person's documents that best match their latest message into the prompt, when the
 * conversation answers from documents ({@link ConversationDocuments}). Each passage is its own block (the
 * first also carries the instruction to cite), numbered {@code [n] file, page p}, with one source whose
 * reference ({@link PassageReference}) opens it: when the prompt does not fit the model's window, the chat
 * service leaves blocks out from the last, so the weakest passages go first and the best ones stay.
 *
 * <p>Budget: a quarter of the model's context window, between {@value #MIN_BUDGET} and {@value #MAX_BUDGET} tokens. The
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
  private final EngineSource engines;
  private final IntSupplier configuredTokens;
  private final NoteSource notes;

  /**
   * @param engines the engine that will answer: its model's context window sets the budget
   * @param configuredTokens the context size in Settings, used when the engine does not say or is not there
   */
  public DocumentContext(KnowledgeRetriever retriever, ConversationDocuments choices, EngineSource engines,
      IntSupplier configuredTokens) {
    this(retriever, choices, engines, configuredTokens, null);
  }

  /** @param notes the person's notes, for conversations that choose them; null when there are none */
  public DocumentContext(KnowledgeRetriever retriever, ConversationDocuments choices, EngineSource engines,
      IntSupplier configuredTokens, NoteSource notes) {
    this.retriever = retriever;
    this.choices = choices;
    this.engines = engines;
    this.configuredTokens = configuredTokens;
    this.notes = notes;
  }

  private int contextTokens() {
    try {
      int window = engines.engine().model().contextLength();
      return window > 0 ? window : configuredTokens.getAsInt();
    } catch (EngineException | RuntimeException e) {
      return configuredTokens.getAsInt();
    }
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
    int budget = budget(contextTokens());
    List<NoteSource.NotePassage> found = choice.notes() && notes != null
        ? notes.find(latestUserText, MAX_NOTES) : List.of();
    // Notes take at most a third of the budget (they are short; documents keep the rest).
    int noteChars = found.isEmpty() ? 0 : budget / 3 * PassageFormat.CHARS_PER_TOKEN / found.size();
    int noteTokens = found.stream().mapToInt(n -> Math.min(n.text().length(), noteChars)).sum()
        / PassageFormat.CHARS_PER_TOKEN;
    List<Passage> passages = retriever.retrieve(latestUserText, choice.collectionIds(), budget - noteTokens);
    // Interleaved, best of each first: the chat service leaves blocks out from the last when the prompt is long.
    List<ContextBlock> blocks = new ArrayList<>(passages.size() + found.size());
    for (int i = 0; i < Math.max(passages.size(), found.size()); i++) {
      if (i < passages.size()) {
        Passage p = passages.get(i);
        blocks.add(block(blocks.size() + 1, PassageFormat.source(blocks.size() + 1, p), PassageFormat.label(p),
            PassageReference.of(p).toString()));
      }
      if (i < found.size()) {
        NoteSource.NotePassage n = found.get(i);
        blocks.add(block(blocks.size() + 1, PassageFormat.note(blocks.size() + 1, n.title(), n.text(), noteChars),
            PassageFormat.noteLabel(n.title()), n.reference()));
      }
    }
    return blocks;
  }

  /** Notes added at most to one answer. */
  static final int MAX_NOTES = 3;

  private static ContextBlock block(int number, String text, String label, String reference) {
    return new ContextBlock(KIND, number == 1 ? PassageFormat.INSTRUCTION + "\n\n" + text : text,
        List.of(new ContextBlock.Source("[" + number + "] " + label, reference)));
  }
}
