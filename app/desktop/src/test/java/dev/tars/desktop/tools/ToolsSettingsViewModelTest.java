package dev.tars.desktop.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.UiDispatcher;
import dev.tars.mcpclient.ChatTools;
import dev.tars.mcpclient.McpServerConfig;
import dev.tars.mcpclient.McpServers;
import dev.tars.mcpclient.ToolSettings;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import dev.tars.tools.OfferedTool;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolCallRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings → Tools and the call cards' view model, on real tool settings (H2), synchronously. */
class ToolsSettingsViewModelTest {
  @TempDir Path dir;
  private Database database;
  private ToolSettings settings;
  private McpServers servers;
  private ToolsSettingsViewModel viewModel;
  private final I18n i18n = I18n.forLanguage("en");

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(dir);
    settings = new ToolSettings(database.dataSource());
    servers = new McpServers(settings, "test");
    Tool note = new Tool("create_note", "Saves a note.\nMore.", new ObjectMapper().readTree("{\"type\":\"object\"}"),
        args -> "saved");
    viewModel = new ToolsSettingsViewModel(new ChatTools(settings, servers, () -> List.of(note)),
        Background.direct(), i18n);
    viewModel.load();
  }

  @AfterEach
  void close() {
    servers.close();
    database.close();
  }

  @Test
  void switchesAreSavedAtOnce() {
    assertThat(viewModel.builtIns()).extracting(ToolsSettingsViewModel.ToolRow::name).containsExactly("create_note");

    viewModel.inChatProperty().set(true);
    viewModel.maxRoundsProperty().set(3);
    viewModel.builtIns().getFirst().enabledProperty().set(false);

    assertThat(settings.get().inChat()).isTrue();
    assertThat(settings.get().maxRounds()).isEqualTo(3);
    assertThat(settings.get().enabled(ToolSettings.BUILT_IN, "create_note")).isFalse();
  }

  @Test
  void anIncompleteFormSaysWhatIsMissingInThePersonsLanguage() {
    assertThat(viewModel.add()).isFalse();
    assertThat(viewModel.messageProperty().get()).isEqualTo("Give the server a name.");

    viewModel.newNameProperty().set("Remote");
    viewModel.newIsCommandProperty().set(false);
    viewModel.newUrlProperty().set("mcp.example.com");
    assertThat(viewModel.add()).isFalse();
    assertThat(viewModel.messageProperty().get()).startsWith("The address must start with http://");

    viewModel.newUrlProperty().set("https://mcp.example.com/mcp");
    viewModel.newHeadersProperty().set("Authorization Bearer x");
    assertThat(viewModel.add()).isFalse();
    assertThat(viewModel.messageProperty().get()).contains("Name: value").contains("Authorization Bearer x");
    assertThat(settings.get().servers()).isEmpty();
  }

  @Test
  void aServerThatCannotStartIsAddedAndSaysWhyItDoesNotWork() {
    viewModel.newNameProperty().set("Broken");
    viewModel.newCommandProperty().set("/no/such/program --flag \"two words\"");

    assertThat(viewModel.add()).isTrue();

    McpServerConfig saved = settings.get().servers().getFirst();
    assertThat(saved.command()).isEqualTo("/no/such/program");
    assertThat(saved.args()).containsExactly("--flag", "two words");
    assertThat(viewModel.servers()).singleElement().satisfies(row -> assertThat(row.statusProperty().get())
        .startsWith("Not working: the command \"/no/such/program\" was not found."));
    ToolsSettingsViewModel inSpanish = new ToolsSettingsViewModel(new ChatTools(settings, servers, List::of),
        Background.direct(), I18n.forLanguage("es"));
    inSpanish.load();
    inSpanish.connect(inSpanish.servers().getFirst());
    assertThat(inSpanish.servers().getFirst().statusProperty().get())
        .startsWith("No funciona: no se encontró la orden \"/no/such/program\".");

    viewModel.remove(viewModel.servers().getFirst());
    assertThat(settings.get().servers()).isEmpty();
  }

  @Test
  void aCallWaitsForThePersonsChoiceOnItsCard() throws Exception {
    ToolCallsViewModel calls = new ToolCallsViewModel(UiDispatcher.immediate());
    OfferedTool tool = new OfferedTool(new Tool("files.read", "Reads.", new ObjectMapper().readTree("{}"),
        args -> ""), "Files", false);

    CompletableFuture<ToolCallRequest.Decision> decision = calls.approver().ask(
        new ToolCallRequest(4, tool, "{\"path\":\"/tmp/a.txt\"}"));

    assertThat(decision).isNotDone();
    ToolCallsViewModel.Pending card = calls.pending().getFirst();
    assertThat(card.tool()).isEqualTo("read");
    assertThat(card.server()).isEqualTo("Files");
    assertThat(card.arguments()).contains("\"path\" : \"/tmp/a.txt\"");
    card.decide(ToolCallRequest.Decision.DENY);
    assertThat(decision).isCompletedWithValue(ToolCallRequest.Decision.DENY);
    assertThat(calls.pending()).isEmpty();
  }

  @Test
  void aServersTimeLimitIsEditedInPlaceAndSavedAtOnce() {
    settings.putServer(McpServerConfig.command("Files", "node", List.of("files.js"), java.util.Map.of()));
    viewModel.load();
    ToolsSettingsViewModel.ServerRow row = viewModel.servers().getFirst();
    assertThat(row.timeoutSecondsProperty().get()).isEqualTo(30);

    row.timeoutSecondsProperty().set(120);

    assertThat(settings.get().servers()).singleElement()
        .satisfies(config -> assertThat(config.timeout()).hasSeconds(120));
    assertThat(servers.server(row.id()).orElseThrow().config().timeout()).as("the server follows").hasSeconds(120);
  }

  @Test
  void aCallTakenBackByStopLosesItsCard() throws Exception {
    ToolCallsViewModel calls = new ToolCallsViewModel(UiDispatcher.immediate());
    OfferedTool tool = new OfferedTool(new Tool("files.read", "Reads.", new ObjectMapper().readTree("{}"),
        args -> ""), "Files", false);
    CompletableFuture<ToolCallRequest.Decision> decision = calls.approver().ask(new ToolCallRequest(4, tool, "{}"));
    assertThat(calls.pending()).hasSize(1);

    decision.cancel(false);

    assertThat(calls.pending()).isEmpty();
  }
}
