package dev.tars.desktop.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.desktop.fx.Notices;
import dev.tars.testkit.core.ScriptedEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationListViewModelTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private final TestUi ui = new TestUi();
  private final Notices notices = new Notices();
  private TestServices services;
  private ConversationListViewModel list;

  @BeforeEach
  void open() {
    ScriptedEngine engine = new ScriptedEngine("ok", 0);
    services = new TestServices(dir, () -> engine);
    list = new ConversationListViewModel(services.chats, ui.background(), I18n.forLanguage("en"), notices);
  }

  @AfterEach
  void close() {
    services.close();
  }

  private void refresh() {
    list.refresh();
    ui.runPending();
  }

  @Test
  void showsConversationsNewestFirstAndFiltersThemByTitle() throws InterruptedException {
    services.chats.create("Holiday plans");
    Thread.sleep(5);
    services.chats.create("Java streams");
    Thread.sleep(5);
    services.chats.create("Holiday budget");
    refresh();
    assertThat(list.items()).extracting(ConversationItem::title)
        .containsExactly("Holiday budget", "Java streams", "Holiday plans");
    assertThat(list.state()).isEqualTo(ConversationListViewModel.State.LIST);

    list.filterProperty().set("holiday");
    ui.runPending();
    assertThat(list.items()).extracting(ConversationItem::title).containsExactly("Holiday budget", "Holiday plans");

    list.filterProperty().set("kotlin");
    ui.runPending();
    assertThat(list.items()).isEmpty();
    assertThat(list.state()).isEqualTo(ConversationListViewModel.State.NO_MATCHES);
  }

  @Test
  void sayItIsEmptyWhenThereAreNoConversations() {
    refresh();
    assertThat(list.state()).isEqualTo(ConversationListViewModel.State.EMPTY);
  }

  @Test
  void renamesAndRefusesABlankTitleKeepingTheOldOne() {
    long id = services.chats.create("Old").id();
    refresh();
    ConversationItem item = list.items().getFirst();

    list.rename(item, "  New name ");
    ui.runPending();
    assertThat(item.title()).isEqualTo("New name");
    assertThat(services.chats.conversation(id).orElseThrow().title()).isEqualTo("New name");

    list.rename(item, "   ");
    ui.runPending();
    assertThat(item.title()).isEqualTo("New name");
    assertThat(notices.shown()).extracting(Notices.Notice::text).anyMatch(t -> t.contains("needs a title"));
  }

  @Test
  void deleteRemovesAtOnceAndUndoBringsItBackSelected() {
    long id = services.chats.create("Keep me").id();
    refresh();
    ConversationItem item = list.items().getFirst();
    list.selectedProperty().set(item);

    list.delete(item);
    ui.runPending();
    assertThat(list.items()).isEmpty();
    assertThat(list.selectedProperty().get()).isNull();
    assertThat(services.chats.conversations("")).isEmpty();
    Notices.Notice undo = notices.shown().getLast();
    assertThat(undo.actionLabel()).isEqualTo("Undo");

    undo.action().run();
    ui.runUntil(() -> !list.items().isEmpty(), WAIT);
    assertThat(list.items()).extracting(ConversationItem::id).containsExactly(id);
    assertThat(list.selectedProperty().get().id()).isEqualTo(id);
  }

  @Test
  void newConversationClearsTheSelection() {
    services.chats.create("One");
    refresh();
    list.selectedProperty().set(list.items().getFirst());
    list.newConversation();
    assertThat(list.selectedProperty().get()).isNull();
  }
}
