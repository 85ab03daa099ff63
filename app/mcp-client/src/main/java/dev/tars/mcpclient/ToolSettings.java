package dev.tars.mcpclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.storage.Jdbc;
import dev.tars.tools.ToolLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool settings, in the {@code setting} table under {@code tools.*} names: whether the model may call tools
 * in conversations, the most rounds per answer, the MCP servers, the tools turned off and the tools the person
 * always allows. Only the person changes them (Settings, or "Always allow" on a call's card): nothing a model
 * writes or a tool returns reaches this class. An unreadable value falls back to its default. Thread-safe;
 * listeners hear of each save on the saving thread.
 *
 * <p>Tools are named here as {@code server/tool}, with {@link #BUILT_IN} as the server of Tars' own tools.
 */
public final class ToolSettings {
  private static final Logger LOG = LoggerFactory.getLogger(ToolSettings.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The server id of Tars' own tools in {@code server/tool} names. */
  public static final String BUILT_IN = "tars";
  static final String IN_CHAT = "tools.inChat";
  static final String MAX_ROUNDS = "tools.maxRounds";
  static final String SERVERS = "tools.servers";
  static final String DISABLED = "tools.disabled";
  static final String ALWAYS = "tools.alwaysAllowed";

  /** A snapshot of the settings. */
  public record Values(boolean inChat, int maxRounds, List<McpServerConfig> servers, Set<String> disabled,
      Set<String> alwaysAllowed) {
    public static final Values DEFAULTS = new Values(false, ToolLoop.DEFAULT_MAX_ROUNDS, List.of(), Set.of(),
        Set.of());

    public Values {
      if (maxRounds < 1 || maxRounds > 20) {
        throw new IllegalArgumentException("Tool rounds per answer must be between 1 and 20.");
      }
      servers = List.copyOf(servers);
      disabled = Set.copyOf(disabled);
      alwaysAllowed = Set.copyOf(alwaysAllowed);
    }

    public boolean enabled(String server, String tool) {
      return !disabled.contains(server + "/" + tool);
    }

    public boolean alwaysAllowed(String server, String tool) {
      return alwaysAllowed.contains(server + "/" + tool);
    }
  }

  private final Jdbc jdbc;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Values current;

  public ToolSettings(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
    this.current = load();
  }

  public Values get() {
    return current;
  }

  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  public synchronized void setInChat(boolean on, int maxRounds) {
    save(new Values(on, maxRounds, current.servers(), current.disabled(), current.alwaysAllowed()));
  }

  /**
   * Adds a server at the end, or replaces the one with the same id in its place (see {@link #freeId}).
   *
   * @return the server as stored
   */
  public synchronized McpServerConfig putServer(McpServerConfig server) {
    List<McpServerConfig> servers = new ArrayList<>(current.servers());
    int at = servers.stream().map(McpServerConfig::id).toList().indexOf(server.id());
    if (at < 0) {
      servers.add(server);
    } else {
      servers.set(at, server);
    }
    save(new Values(current.inChat(), current.maxRounds(), servers, current.disabled(), current.alwaysAllowed()));
    return server;
  }

  /** An id not used by another server, made from {@code name}. */
  public String freeId(String name) {
    String base = McpServerConfig.idOf(name);
    Set<String> used = new LinkedHashSet<>();
    current.servers().forEach(s -> used.add(s.id()));
    used.add(BUILT_IN);
    String id = base;
    for (int n = 2; used.contains(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  public synchronized void removeServer(String id) {
    List<McpServerConfig> servers = current.servers().stream().filter(s -> !s.id().equals(id)).toList();
    Set<String> disabled = without(current.disabled(), id);
    Set<String> always = without(current.alwaysAllowed(), id);
    save(new Values(current.inChat(), current.maxRounds(), servers, disabled, always));
  }

  public synchronized void setEnabled(String server, String tool, boolean enabled) {
    Set<String> disabled = new LinkedHashSet<>(current.disabled());
    if (enabled) {
      disabled.remove(server + "/" + tool);
    } else {
      disabled.add(server + "/" + tool);
    }
    save(new Values(current.inChat(), current.maxRounds(), current.servers(), disabled, current.alwaysAllowed()));
  }

  /** Run this tool without asking from now on (the person chose "Always allow this tool"), or ask again. */
  public synchronized void setAlwaysAllowed(String server, String tool, boolean always) {
    Set<String> allowed = new LinkedHashSet<>(current.alwaysAllowed());
    if (always) {
      allowed.add(server + "/" + tool);
    } else {
      allowed.remove(server + "/" + tool);
    }
    save(new Values(current.inChat(), current.maxRounds(), current.servers(), current.disabled(), allowed));
  }

  private static Set<String> without(Set<String> names, String server) {
    Set<String> kept = new LinkedHashSet<>(names);
    kept.removeIf(name -> name.startsWith(server + "/"));
    return kept;
  }

  private void save(Values values) {
    Map<String, String> rows = new HashMap<>();
    rows.put(IN_CHAT, Boolean.toString(values.inChat()));
    rows.put(MAX_ROUNDS, Integer.toString(values.maxRounds()));
    rows.put(SERVERS, serversJson(values.servers()));
    rows.put(DISABLED, JSON.valueToTree(values.disabled()).toString());
    rows.put(ALWAYS, JSON.valueToTree(values.alwaysAllowed()).toString());
    jdbc.inTransaction(c -> {
      for (Map.Entry<String, String> e : rows.entrySet()) {
        try (var s = Jdbc.prepare(c, "MERGE INTO setting (name, content) KEY (name) VALUES (?, ?)", e.getKey(),
            e.getValue())) {
          s.executeUpdate();
        }
      }
      return null;
    });
    current = values;
    listeners.forEach(Runnable::run);
  }

  static String serversJson(List<McpServerConfig> servers) {
    ArrayNode array = JSON.createArrayNode();
    for (McpServerConfig s : servers) {
      ObjectNode node = array.addObject().put("id", s.id()).put("name", s.name()).put("command", s.command())
          .put("url", s.url()).put("timeoutSeconds", s.timeout().toSeconds());
      s.args().forEach(node.putArray("args")::add);
      node.set("env", JSON.valueToTree(s.env()));
      node.set("headers", JSON.valueToTree(s.headers()));
    }
    return array.toString();
  }

  private Values load() {
    Map<String, String> stored = new HashMap<>();
    jdbc.query("SELECT name, content FROM setting WHERE name LIKE 'tools.%'",
        r -> stored.put(r.getString(1), r.getString(2)));
    Values d = Values.DEFAULTS;
    try {
      boolean inChat = Boolean.parseBoolean(stored.getOrDefault(IN_CHAT, Boolean.toString(d.inChat())).strip());
      int rounds = Integer.parseInt(stored.getOrDefault(MAX_ROUNDS, Integer.toString(d.maxRounds())).strip());
      return new Values(inChat, rounds, servers(stored.get(SERVERS)), names(stored.get(DISABLED)),
          names(stored.get(ALWAYS)));
    } catch (RuntimeException | JsonProcessingException e) {
      LOG.warn("Stored tool settings are unreadable ({}); using the defaults", e.getMessage());
      return d;
    }
  }

  private static List<McpServerConfig> servers(String json) throws JsonProcessingException {
    List<McpServerConfig> servers = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return servers;
    }
    for (JsonNode node : JSON.readTree(json)) {
      try {
        List<String> args = new ArrayList<>();
        node.path("args").forEach(a -> args.add(a.asText()));
        servers.add(new McpServerConfig(node.path("id").asText(), node.path("name").asText(),
            node.path("command").asText(), args, strings(node.path("env")), node.path("url").asText(),
            strings(node.path("headers")), Duration.ofSeconds(node.path("timeoutSeconds").asLong(30))));
      } catch (IllegalArgumentException e) {
        LOG.warn("Skipping an unreadable stored MCP server ({})", e.getMessage());
      }
    }
    return servers;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Set<String> names(String json) throws JsonProcessingException {
    Set<String> names = new LinkedHashSet<>();
    if (json != null && !json.isBlank()) {
      JSON.readTree(json).forEach(n -> names.add(n.asText()));
    }
    return names;
  }
}
