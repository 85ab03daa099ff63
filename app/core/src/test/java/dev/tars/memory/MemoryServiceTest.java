package dev.tars.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryServiceTest {
  @TempDir Path home;
  private Database database;
  private MemoryService memories;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(home);
    memories = new MemoryService(database.dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void memoriesAreAddedEditedPinnedAndDeleted() {
    Memory m = memories.add(MemoryScope.GLOBAL, "  Prefers   metric units ", false);
    assertThat(m.text()).isEqualTo("Prefers metric units");
    memories.update(m.id(), MemoryScope.GLOBAL, "Prefers metric units and 24-hour time", false);
    memories.pin(m.id(), true);
    Memory read = memories.memory(m.id());
    assertThat(read.text()).isEqualTo("Prefers metric units and 24-hour time");
    assertThat(read.pinned()).isTrue();

    memories.delete(m.id());
    assertThat(memories.all()).isEmpty();
    assertThatThrownBy(() -> memories.delete(m.id())).isInstanceOf(NoSuchElementException.class)
        .hasMessage("That memory no longer exists.");
  }

  @Test
  void scopesSeparateProjectsAndGlobalIsVisibleEverywhere() {
    memories.add(MemoryScope.GLOBAL, "Lives in Madrid", false);
    memories.add(MemoryScope.project(1), "The Default project is for errands", false);
    assertThat(memories.memories(MemoryScope.GLOBAL)).extracting(Memory::text).containsExactly("Lives in Madrid");
    assertThat(memories.visibleIn(1)).hasSize(2);
    assertThat(memories.visibleIn(99)).extracting(Memory::text).containsExactly("Lives in Madrid");
  }

  @Test
  void badTextGetsAClearMessageAndChangesNothing() {
    assertThatThrownBy(() -> memories.add(MemoryScope.GLOBAL, "   ", false)).hasMessage("A memory needs some text.");
    assertThatThrownBy(() -> memories.add(MemoryScope.GLOBAL, "x".repeat(501), false))
        .hasMessageContaining("at most 500 characters");
    assertThat(memories.all()).isEmpty();
  }

  @Test
  void proposalsAreAcceptedOrRejectedAndNeverProposedTwice() {
    Proposal p = memories.propose(MemoryScope.GLOBAL, "Works on the Acme migration", "conversation", 0).orElseThrow();
    Proposal q = memories.propose(MemoryScope.GLOBAL, "Has a cat", "conversation", 0).orElseThrow();
    assertThat(memories.pendingProposals()).hasSize(2);

    Memory accepted = memories.accept(p.id());
    memories.reject(q.id());

    assertThat(accepted.text()).isEqualTo("Works on the Acme migration");
    assertThat(memories.pendingProposals()).isEmpty();
    assertThat(memories.propose(MemoryScope.GLOBAL, "works on the ACME migration!", "nightly", 0)).isEmpty();
    assertThat(memories.propose(MemoryScope.GLOBAL, "Has a cat.", "nightly", 0)).isEmpty();
    assertThatThrownBy(() -> memories.reject(q.id())).hasMessage("That proposal was already answered.");
  }

  @Test
  void autoAcceptRemembersProposedFactsAtOnceAndSurvivesRestart() {
    memories.saveSettings(new MemorySettings(true, true, 200));
    assertThat(memories.propose(MemoryScope.GLOBAL, "Prefers tea", "conversation", 0)).isEmpty();
    assertThat(memories.all()).extracting(Memory::text).containsExactly("Prefers tea");
    assertThat(new MemoryService(database.dataSource(), Clock.systemUTC()).settings())
        .isEqualTo(new MemorySettings(true, true, 200));
  }
}
