package dev.tars.desktop.tools;

import atlantafx.base.controls.ToggleSwitch;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Spinners;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The "Tools" section of the Settings page (see {@link ToolsSettingsViewModel}). */
public final class ToolsSettingsView {
  private final ToolsSettingsViewModel viewModel;
  private final I18n i18n;
  private final VBox root;
  private Object roundsBinding;
  private Object timeoutBinding;

  public ToolsSettingsView(ToolsSettingsViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.root = build();
  }

  public Node root() {
    return root;
  }

  private VBox build() {
    Label hint = hint(i18n.get("tools.hint"));
    CheckBox inChat = new CheckBox(i18n.get("tools.inChat"));
    inChat.setId("toolsInChat");
    inChat.selectedProperty().bindBidirectional(viewModel.inChatProperty());
    Spinner<Integer> rounds = new Spinner<>();
    rounds.setEditable(true);
    rounds.setPrefWidth(90);
    roundsBinding = Spinners.bindInt(rounds, viewModel.maxRoundsProperty(), 1, 20, 1);
    HBox roundsRow = new HBox(8, new Label(i18n.get("tools.maxRounds")), rounds);
    roundsRow.setAlignment(Pos.CENTER_LEFT);

    Label builtInTitle = heading(i18n.get("tools.builtIn"));
    VBox builtIns = new VBox(4);
    viewModel.builtIns().addListener((ListChangeListener<ToolsSettingsViewModel.ToolRow>) c ->
        fillTools(builtIns, viewModel.builtIns()));

    Label serversTitle = heading(i18n.get("tools.servers"));
    VBox servers = new VBox(10);
    servers.setId("toolsServers");
    viewModel.servers().addListener((ListChangeListener<ToolsSettingsViewModel.ServerRow>) c -> fillServers(servers));
    Label none = hint(i18n.get("tools.noServers"));
    none.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.servers()));
    none.managedProperty().bind(none.visibleProperty());

    Label message = new Label();
    message.setId("toolsMessage");
    message.setWrapText(true);
    message.getStyleClass().add("form-error");
    message.textProperty().bind(viewModel.messageProperty());
    message.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());

    viewModel.load();
    VBox box = new VBox(10, hint, inChat, roundsRow, builtInTitle, builtIns, serversTitle, none, servers, addForm(),
        message);
    box.getStylesheets().add(ToolsFeature.stylesheet());
    return box;
  }

  private Node addForm() {
    Label title = heading(i18n.get("tools.add.title"));
    Label rights = new Label(i18n.get("tools.add.rights"));
    rights.setId("toolsRightsWarning");
    rights.setWrapText(true);
    rights.getStyleClass().add("tools-warning");
    TextField name = new TextField();
    name.setId("toolsNewName");
    name.setPromptText(i18n.get("tools.add.name"));
    name.textProperty().bindBidirectional(viewModel.newNameProperty());
    ToggleGroup kind = new ToggleGroup();
    RadioButton command = new RadioButton(i18n.get("tools.add.command"));
    RadioButton url = new RadioButton(i18n.get("tools.add.url"));
    command.setToggleGroup(kind);
    url.setToggleGroup(kind);
    command.setSelected(viewModel.newIsCommandProperty().get());
    url.setSelected(!command.isSelected());
    command.selectedProperty().addListener((obs, was, now) -> viewModel.newIsCommandProperty().set(now));
    TextField commandLine = new TextField();
    commandLine.setId("toolsNewCommand");
    commandLine.setPromptText(i18n.get("tools.add.commandPrompt"));
    commandLine.textProperty().bindBidirectional(viewModel.newCommandProperty());
    TextField address = new TextField();
    address.setId("toolsNewUrl");
    address.setPromptText(i18n.get("tools.add.urlPrompt"));
    address.textProperty().bindBidirectional(viewModel.newUrlProperty());
    TextArea headers = new TextArea();
    headers.setPromptText(i18n.get("tools.add.headersPrompt"));
    headers.setPrefRowCount(2);
    headers.textProperty().bindBidirectional(viewModel.newHeadersProperty());
    commandLine.visibleProperty().bind(viewModel.newIsCommandProperty());
    commandLine.managedProperty().bind(commandLine.visibleProperty());
    address.visibleProperty().bind(viewModel.newIsCommandProperty().not());
    address.managedProperty().bind(address.visibleProperty());
    headers.visibleProperty().bind(address.visibleProperty());
    headers.managedProperty().bind(headers.visibleProperty());
    Spinner<Integer> timeout = new Spinner<>();
    timeout.setEditable(true);
    timeout.setPrefWidth(90);
    timeoutBinding = Spinners.bindInt(timeout, viewModel.newTimeoutSecondsProperty(), 1, 600, 5);
    HBox timeoutRow = new HBox(8, new Label(i18n.get("tools.add.timeout")), timeout);
    timeoutRow.setAlignment(Pos.CENTER_LEFT);
    Button add = new Button(i18n.get("tools.add.button"));
    add.setId("toolsAdd");
    add.getStyleClass().add("accent");
    add.setOnAction(e -> viewModel.add());
    HBox kindRow = new HBox(12, command, url);
    return new VBox(8, title, rights, name, kindRow, commandLine, address, headers, timeoutRow, add);
  }

  private void fillServers(VBox box) {
    box.getChildren().clear();
    for (ToolsSettingsViewModel.ServerRow server : viewModel.servers()) {
      Label name = new Label(server.name());
      name.getStyleClass().add("tools-server-name");
      Label location = hint(server.location());
      Label status = hint("");
      status.textProperty().bind(server.statusProperty());
      Button connect = new Button(i18n.get("tools.connect"));
      connect.getStyleClass().add("small");
      connect.setOnAction(e -> viewModel.connect(server));
      Button remove = new Button(i18n.get("tools.remove"));
      remove.getStyleClass().addAll("small", "danger");
      remove.setOnAction(e -> viewModel.remove(server));
      Region grow = new Region();
      HBox.setHgrow(grow, Priority.ALWAYS);
      HBox top = new HBox(8, name, grow, connect, remove);
      top.setAlignment(Pos.CENTER_LEFT);
      VBox tools = new VBox(4);
      server.tools().addListener((ListChangeListener<ToolsSettingsViewModel.ToolRow>) c ->
          fillTools(tools, server.tools()));
      fillTools(tools, server.tools());
      Spinner<Integer> timeout = new Spinner<>();
      timeout.setEditable(true);
      timeout.setPrefWidth(90);
      timeout.setId("toolsTimeout-" + server.id());
      HBox timeoutRow = new HBox(8, hint(i18n.get("tools.server.timeout")), timeout);
      timeoutRow.setAlignment(Pos.CENTER_LEFT);
      VBox card = new VBox(4, top, location, status, timeoutRow, tools);
      // The spinner's binding lives as long as its card.
      card.getProperties().put("timeoutBinding",
          Spinners.bindInt(timeout, server.timeoutSecondsProperty(), 1, 600, 5));
      card.getStyleClass().add("tools-server");
      box.getChildren().add(card);
    }
  }

  private void fillTools(VBox box, java.util.List<ToolsSettingsViewModel.ToolRow> rows) {
    box.getChildren().clear();
    for (ToolsSettingsViewModel.ToolRow row : rows) {
      ToggleSwitch on = new ToggleSwitch();
      on.setId("tool-" + row.server() + "-" + row.name());
      on.selectedProperty().bindBidirectional(row.enabledProperty());
      Label name = new Label(row.name());
      name.getStyleClass().add("tools-tool-name");
      name.setMinWidth(Region.USE_PREF_SIZE);
      Label description = hint(firstLine(row.description()));
      Button askAgain = new Button(i18n.get("tools.askAgain"));
      askAgain.getStyleClass().addAll("small", "flat");
      askAgain.visibleProperty().bind(row.alwaysAllowedProperty());
      askAgain.managedProperty().bind(askAgain.visibleProperty());
      askAgain.setOnAction(e -> row.alwaysAllowedProperty().set(false));
      HBox line = new HBox(10, on, name, askAgain, description);
      line.setAlignment(Pos.CENTER_LEFT);
      box.getChildren().add(line);
    }
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 110 ? line.substring(0, 109) + "…" : line;
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("title-4");
    return label;
  }

  private static Label hint(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("settings-hint");
    label.setWrapText(true);
    return label;
  }
}
