package dev.tars.memory;

import dev.tars.storage.Jdbc;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-term memory: facts about the user, global or per project; the facts the model proposes and the
 * person's answer to them; memory settings. Thread-safe. Exception messages are meant for a person.
 */
public final class MemoryService {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryService.class);
  public static final int MAX_TEXT = 500;
  public static final String ORIGIN_CONVERSATION = "conversation";
  public static final String ORIGIN_NIGHTLY = "nightly";

  private final MemoryStore store;
  private final Jdbc jdbc;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile MemorySettings settings;

  public MemoryService(DataSource dataSource, Clock clock) {
    this.store = new MemoryStore(dataSource, clock);
    this.jdbc = new Jdbc(dataSource);
    this.settings = loadSettings();
  }

  /** Memories of exactly this scope, pinned first, then newest first. */
  public List<Memory> memories(MemoryScope scope) {
    return store.list(scope);
  }

  /** Global memories and those of the project. */
  public List<Memory> visibleIn(long projectId) {
    return store.visibleIn(projectId);
  }

  public List<Memory> all() {
    return store.all();
  }

  public Memory memory(long id) {
    return store.find(id).orElseThrow(() -> new NoSuchElementException("That memory no longer exists."));
  }

  public Memory add(MemoryScope scope, String text, boolean pinned) {
    Memory added = memory(store.add(scope, validText(text), pinned, 0));
    changed();
    return added;
  }

  public Memory update(long id, MemoryScope scope, String text, boolean pinned) {
    memory(id);
    store.update(id, scope, validText(text), pinned);
    changed();
    return memory(id);
  }

  public Memory pin(long id, boolean pinned) {
    Memory m = memory(id);
    return update(id, m.scope(), m.text(), pinned);
  }

  public void delete(long id) {
    if (store.delete(id) == 0) {
      throw new NoSuchElementException("That memory no longer exists.");
    }
    changed();
  }

  /** Records that these memories were put into a prompt. */
  public void markUsed(Collection<Long> ids) {
    store.markUsed(ids);
  }

  /**
   * Offers a fact the model learned. Facts already remembered or proposed before (also rejected ones) are
   * ignored; with auto-accept on, the fact is remembered at once.
   *
   * @return the new proposal, or empty when the fact was a duplicate or was accepted automatically
   */
  public Optional<Proposal> propose(MemoryScope scope, String text, String origin, long sourceConversationId) {
    return offer(scope, text, origin, sourceConversationId).proposal();
  }

  /** What became of an offered fact: a proposal waiting for the person, a memory kept at once, or neither. */
  record Offer(Optional<Proposal> proposal, Optional<Memory> remembered) {}

  Offer offer(MemoryScope scope, String text, String origin, long sourceConversationId) {
    String clean = validText(text);
    String normalized = Terms.normalize(clean);
    if (normalized.isEmpty() || store.proposedBefore(normalized)
        || store.all().stream().anyMatch(m -> Terms.normalize(m.text()).equals(normalized))) {
      return new Offer(Optional.empty(), Optional.empty());
    }
    long id = store.propose(scope, clean, normalized, origin, sourceConversationId);
    if (settings.autoAccept()) {
      store.settle(id, "ACCEPTED");
      long memoryId = store.add(scope, clean, false, sourceConversationId);
      LOG.info("Remembered a proposed fact automatically (auto-accept is on)");
      changed();
      return new Offer(Optional.empty(), store.find(memoryId));
    }
    changed();
    return new Offer(store.pendingProposal(id), Optional.empty());
  }

  public List<Proposal> pendingProposals() {
    return store.pending();
  }

  /** Accepts a proposal as it was proposed. */
  public Memory accept(long proposalId) {
    Proposal p = pending(proposalId);
    return accept(proposalId, p.scope(), p.text());
  }

  /** Accepts a proposal after the person edited its text or scope. */
  public Memory accept(long proposalId, MemoryScope scope, String text) {
    Proposal p = pending(proposalId);
    String clean = validText(text);
    store.settle(p.id(), "ACCEPTED");
    Memory added = memory(store.add(scope, clean, false, p.sourceConversationId()));
    changed();
    return added;
  }

  public void reject(long proposalId) {
    store.settle(pending(proposalId).id(), "REJECTED");
    changed();
  }

  long extractedUpTo(long conversationId) {
    return store.extractedUpTo(conversationId);
  }

  void markExtracted(long conversationId, long lastMessageId) {
    store.markExtracted(conversationId, lastMessageId);
  }

  public MemorySettings settings() {
    return settings;
  }

  public synchronized void saveSettings(MemorySettings value) {
    Map<String, String> rows = Map.of("memory.enabled", Boolean.toString(value.enabled()),
        "memory.autoAccept", Boolean.toString(value.autoAccept()),
        "memory.tokenBudget", Integer.toString(value.tokenBudget()));
    jdbc.inTransaction(c -> {
      for (var row : rows.entrySet()) {
        try (var s = Jdbc.prepare(c, "MERGE INTO setting (name, content) KEY (name) VALUES (?, ?)",
            row.getKey(), row.getValue())) {
          s.executeUpdate();
        }
      }
      return null;
    });
    settings = value;
    changed();
  }

  /** Called on the changing thread after any change to memories, proposals or settings. */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }

  private Proposal pending(long proposalId) {
    return store.pendingProposal(proposalId).orElseThrow(() ->
        new NoSuchElementException("That proposal was already answered."));
  }

  private static String validText(String text) {
    String clean = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    if (clean.isEmpty()) {
      throw new IllegalArgumentException("A memory needs some text.");
    }
    if (clean.length() > MAX_TEXT) {
      throw new IllegalArgumentException("A memory can be at most " + MAX_TEXT + " characters long; this one has "
          + clean.length() + ". Split it into shorter facts.");
    }
    return clean;
  }

  private MemorySettings loadSettings() {
    Map<String, String> stored = new HashMap<>();
    jdbc.query("SELECT name, content FROM setting WHERE name LIKE 'memory.%'",
        row -> stored.put(row.getString(1), row.getString(2)));
    MemorySettings d = MemorySettings.DEFAULTS;
    try {
      return new MemorySettings(
          Boolean.parseBoolean(stored.getOrDefault("memory.enabled", Boolean.toString(d.enabled()))),
          Boolean.parseBoolean(stored.getOrDefault("memory.autoAccept", Boolean.toString(d.autoAccept()))),
          Integer.parseInt(stored.getOrDefault("memory.tokenBudget", Integer.toString(d.tokenBudget()))));
    } catch (IllegalArgumentException e) {
      LOG.warn("Stored memory settings are unreadable ({}); using the defaults", e.getMessage());
      return d;
    }
  }
}
