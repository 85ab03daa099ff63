package dev.tars.desktop.tools;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.mcpclient.ChatTools;
import dev.tars.mcpclient.McpServer;
import dev.tars.mcpclient.McpServerConfig;
import dev.tars.mcpclient.ToolSettings;
import dev.tars.tools.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings → Tools: whether the model may call tools in conversations and how many rounds, Tars' own tools and
 * the MCP servers, each tool with its switch; adding (a command or an address) and removing servers, and
 * connecting one to see its tools. Every change is saved at once; connecting runs in the background. Used on the
 * UI thread only.
 */
public final class ToolsSettingsViewModel {
  /** One tool with its switch. */
  public final class ToolRow {
    private final String server;
    private final String name;
    private final String description;
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final BooleanProperty alwaysAllowed = new SimpleBooleanProperty();

    ToolRow(String server, String name, String description, ToolSettings.Values values) {
      this.server = server;
      this.name = name;
      this.description = description;
      enabled.set(values.enabled(server, name));
      alwaysAllowed.set(values.alwaysAllowed(server, name));
      enabled.addListener((obs, was, now) -> background.run(() -> tools.settings().setEnabled(server, name, now),
          e -> message.set(i18n.get("tools.saveFailed", e.getMessage()))));
      alwaysAllowed.addListener((obs, was, now) -> background.run(() -> tools.settings().setAlwaysAllowed(server,
          name, now), e -> message.set(i18n.get("tools.saveFailed", e.getMessage()))));
    }

    /** True when the person chose "Always allow this tool"; setting it false makes calls ask again. */
    public BooleanProperty alwaysAllowedProperty() {
      return alwaysAllowed;
    }

    public String name() {
      return name;
    }

    public String description() {
      return description;
    }

    public BooleanProperty enabledProperty() {
      return enabled;
    }

    public String server() {
      return server;
    }
  }

  /** One MCP server: where it is, how its connection stands, its tools once connected. */
  public final class ServerRow {
    private McpServerConfig config;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<ToolRow> serverTools = FXCollections.observableArrayList();
    private final IntegerProperty timeoutSeconds;

    ServerRow(McpServerConfig config) {
      this.config = config;
      this.timeoutSeconds = new SimpleIntegerProperty((int) config.timeout().toSeconds());
      timeoutSeconds.addListener((obs, was, now) -> saveTimeout(this, now.intValue()));
    }

    /** How long one call (or starting the server) may take, in seconds; a change is saved at once. */
    public IntegerProperty timeoutSecondsProperty() {
      return timeoutSeconds;
    }

    public String id() {
      return config.id();
    }

    public String name() {
      return config.name();
    }

    public String location() {
      return config.location();
    }

    public ReadOnlyStringProperty statusProperty() {
      return status.getReadOnlyProperty();
    }

    public ObservableList<ToolRow> tools() {
      return serverTools;
    }
  }

  private final ChatTools tools;
  private final Background background;
  private final I18n i18n;
  private final BooleanProperty inChat = new SimpleBooleanProperty();
  private final IntegerProperty maxRounds = new SimpleIntegerProperty(5);
  private final ObservableList<ToolRow> builtIns = FXCollections.observableArrayList();
  private final ObservableList<ServerRow> servers = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final StringProperty newName = new SimpleStringProperty("");
  private final BooleanProperty newIsCommand = new SimpleBooleanProperty(true);
  private final StringProperty newCommand = new SimpleStringProperty("");
  private final StringProperty newUrl = new SimpleStringProperty("");
  private final StringProperty newHeaders = new SimpleStringProperty("");
  private final IntegerProperty newTimeoutSeconds = new SimpleIntegerProperty(
      (int) McpServerConfig.DEFAULT_TIMEOUT.toSeconds());
  private boolean filling;

  public ToolsSettingsViewModel(ChatTools tools, Background background, I18n i18n) {
    this.tools = tools;
    this.background = background;
    this.i18n = i18n;
    inChat.addListener((obs, was, now) -> saveSwitch());
    maxRounds.addListener((obs, was, now) -> saveSwitch());
  }

  public BooleanProperty inChatProperty() {
    return inChat;
  }

  public IntegerProperty maxRoundsProperty() {
    return maxRounds;
  }

  public ObservableList<ToolRow> builtIns() {
    return builtIns;
  }

  public ObservableList<ServerRow> servers() {
    return servers;
  }

  /** What went wrong last (for a person), or empty. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public StringProperty newNameProperty() {
    return newName;
  }

  /** True to add a command (stdio), false for an address (Streamable HTTP). */
  public BooleanProperty newIsCommandProperty() {
    return newIsCommand;
  }

  public StringProperty newCommandProperty() {
    return newCommand;
  }

  public StringProperty newUrlProperty() {
    return newUrl;
  }

  /** One {@code Name: value} per line. */
  public StringProperty newHeadersProperty() {
    return newHeaders;
  }

  /** How long one call (or starting the server) may take, in seconds. */
  public IntegerProperty newTimeoutSecondsProperty() {
    return newTimeoutSeconds;
  }

  /** Reads the settings and the tools known so far (no server is started). */
  public void load() {
    background.run(() -> new Loaded(tools.settings().get(), tools.builtInTools(),
        tools.servers().servers().stream().collect(LinkedHashMap<String, McpServer>::new,
            (map, s) -> map.put(s.config().id(), s), Map::putAll)), this::show,
        e -> message.set(i18n.get("tools.loadFailed", e.getMessage())));
  }

  private record Loaded(ToolSettings.Values values, List<Tool> builtIns, Map<String, McpServer> servers) {}

  private void show(Loaded loaded) {
    filling = true;
    try {
      inChat.set(loaded.values().inChat());
      maxRounds.set(loaded.values().maxRounds());
    } finally {
      filling = false;
    }
    builtIns.setAll(loaded.builtIns().stream().map(t -> new ToolRow(ToolSettings.BUILT_IN, t.name(),
        t.description(), loaded.values())).toList());
    List<ServerRow> rows = new ArrayList<>();
    for (McpServerConfig config : loaded.values().servers()) {
      ServerRow row = new ServerRow(config);
      McpServer server = loaded.servers().get(config.id());
      if (server != null) {
        showServer(row, server, loaded.values());
      }
      rows.add(row);
    }
    servers.setAll(rows);
  }

  private void showServer(ServerRow row, McpServer server, ToolSettings.Values values) {
    row.status.set(switch (server.status()) {
      case NOT_CONNECTED -> i18n.get("tools.status.notConnected");
      case CONNECTING -> i18n.get("tools.status.connecting");
      case CONNECTED -> i18n.get("tools.status.connected", server.knownTools().size());
      case FAILED -> i18n.get("tools.status.failed", problem(server));
    });
    row.serverTools.setAll(server.knownTools().stream().map(t -> new ToolRow(row.id(), t.name(), t.description(),
        values)).toList());
  }

  /** Why the server is not working, in the person's language. */
  private String problem(McpServer server) {
    McpServer.Problem problem = server.lastProblem();
    return switch (problem.kind()) {
      case COMMAND_NOT_FOUND -> i18n.get("tools.problem.commandNotFound", problem.reason());
      case CONNECT_FAILED -> i18n.get(server.config().isCommand() ? "tools.problem.connectCommand"
          : "tools.problem.connectAddress", problem.reason());
      case TIMED_OUT -> i18n.get("tools.problem.timedOut", server.config().timeout().toSeconds());
      case CALL_FAILED -> i18n.get("tools.problem.callFailed", problem.reason());
      case NONE -> server.problem();
    };
  }

  /** Starts (or reaches) the server and lists its tools, in the background. */
  public void connect(ServerRow row) {
    row.status.set(i18n.get("tools.status.connecting"));
    background.run(() -> {
      McpServer server = tools.servers().server(row.id()).orElseThrow();
      try {
        server.listTools();
      } catch (dev.tars.mcpclient.McpServerException e) {
        // Shown as the server's status below.
      }
      return server;
    }, server -> showServer(row, server, tools.settings().get()),
        e -> row.status.set(i18n.get("tools.status.failed", e.getMessage())));
  }

  public void remove(ServerRow row) {
    background.run(() -> tools.settings().removeServer(row.id()), e -> message.set(i18n.get("tools.saveFailed",
        e.getMessage())));
    servers.remove(row);
  }

  /**
   * Adds the server described by the form and connects it.
   *
   * @return false (with {@link #messageProperty()} saying why) when the form is not complete or not valid
   */
  public boolean add() {
    McpServerConfig config;
    String problem = newName.get().isBlank() ? "tools.add.noName"
        : !newIsCommand.get() && !dev.tars.config.HttpUrls.isHttpUrl(newUrl.get().strip()) ? "tools.add.badUrl" : null;
    if (problem != null) {
      message.set(i18n.get(problem));
      return false;
    }
    try {
      String name = newName.get().strip();
      String id = tools.settings().freeId(name);
      if (newIsCommand.get()) {
        List<String> words = CommandLine.split(newCommand.get());
        if (words.isEmpty()) {
          message.set(i18n.get("tools.add.noCommand"));
          return false;
        }
        config = new McpServerConfig(id, name, words.get(0), words.subList(1, words.size()), Map.of(), "",
            Map.of(), timeout());
      } else {
        config = new McpServerConfig(id, name, "", List.of(), Map.of(), newUrl.get(), headers(newHeaders.get()),
            timeout());
      }
    } catch (IllegalArgumentException e) {
      // Only a header line can still be wrong here (the rest was checked above).
      message.set(i18n.get("tools.add.badHeader", e.getMessage()));
      return false;
    }
    message.set("");
    McpServerConfig adding = config;
    ServerRow row = new ServerRow(adding);
    servers.add(row);
    newName.set("");
    newCommand.set("");
    newUrl.set("");
    newHeaders.set("");
    background.run(() -> tools.settings().putServer(adding), saved -> connect(row),
        e -> message.set(i18n.get("tools.saveFailed", e.getMessage())));
    return true;
  }

  private java.time.Duration timeout() {
    return seconds(newTimeoutSeconds.get());
  }

  private static java.time.Duration seconds(int value) {
    return java.time.Duration.ofSeconds(Math.max(1, Math.min(600, value)));
  }

  /** A server's new time limit; the server is started again with it the next time it is needed. */
  private void saveTimeout(ServerRow row, int value) {
    McpServerConfig changed = row.config.withTimeout(seconds(value));
    if (changed.equals(row.config)) {
      return;
    }
    row.config = changed;
    background.run(() -> tools.settings().putServer(changed), e -> message.set(i18n.get("tools.saveFailed",
        e.getMessage())));
  }

  /** {@code Name: value} lines as headers. */
  static Map<String, String> headers(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(line.strip());
      }
      headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return headers;
  }

  private void saveSwitch() {
    if (filling) {
      return;
    }
    boolean on = inChat.get();
    int rounds = Math.max(1, Math.min(20, maxRounds.get()));
    background.run(() -> tools.settings().setInChat(on, rounds), e -> message.set(i18n.get("tools.saveFailed",
        e.getMessage())));
  }
}
