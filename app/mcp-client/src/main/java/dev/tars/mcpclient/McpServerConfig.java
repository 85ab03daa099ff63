package dev.tars.mcpclient;

import dev.tars.config.HttpUrls;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One MCP server the person added: a command Tars starts (stdio) or a Streamable HTTP address. Validated when
 * built, with messages meant for a person.
 *
 * @param id short, unique, made of the name: it prefixes the server's tools for the model ({@code id.tool})
 * @param name what the person called it
 * @param command the program to start (stdio); empty for an HTTP server
 * @param args the program's arguments
 * @param env extra environment variables of the program
 * @param url the Streamable HTTP address; empty for a command
 * @param headers extra HTTP headers (e.g. {@code Authorization})
 * @param timeout how long a call (and connecting) may take before it fails
 */
public record McpServerConfig(String id, String name, String command, List<String> args, Map<String, String> env,
    String url, Map<String, String> headers, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public McpServerConfig {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name.strip();
    command = command == null ? "" : command.strip();
    url = url == null ? "" : url.strip();
    args = List.copyOf(args);
    env = Map.copyOf(env);
    headers = Map.copyOf(headers);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Give the server a name.");
    }
    if (command.isEmpty() == url.isEmpty()) {
      throw new IllegalArgumentException("Give either a command to start or an http(s) address, not both.");
    }
    if (!url.isEmpty() && !HttpUrls.isHttpUrl(url)) {
      throw new IllegalArgumentException("The address must start with http:// or https:// and name a host.");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The time limit must be at least one second.");
    }
  }

  /** A command server (stdio). */
  public static McpServerConfig command(String name, String command, List<String> args, Map<String, String> env) {
    return new McpServerConfig(idOf(name), name, command, args, env, "", Map.of(), DEFAULT_TIMEOUT);
  }

  /** A Streamable HTTP server. */
  public static McpServerConfig http(String name, String url, Map<String, String> headers) {
    return new McpServerConfig(idOf(name), name, "", List.of(), Map.of(), url, headers, DEFAULT_TIMEOUT);
  }

  public boolean isCommand() {
    return !command.isEmpty();
  }

  public McpServerConfig withTimeout(Duration limit) {
    return new McpServerConfig(id, name, command, args, env, url, headers, limit);
  }

  /** What the person sees of where the server is: the command line or the address. */
  public String location() {
    return isCommand() ? String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of(command),
        args.stream()).toList()) : url;
  }

  /** Lower-case letters, digits and dashes of {@code name}, so that tool names stay plain for the model. */
  public static String idOf(String name) {
    String id = (name == null ? "" : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-+)|(-+$)", "");
    return id.isEmpty() ? "server" : id.length() > 32 ? id.substring(0, 32) : id;
  }
}
