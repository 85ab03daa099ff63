package dev.tars.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tars.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the Tars process that holds the data folder tells {@code tars mcp} where to reach its MCP relay endpoint
 * (decision 1530): {@value #NAME} in the data home, readable by its owner only, with the loopback port, a secret
 * made for this run, and the holder's process id and start time. The holder removes it when it closes; a file left
 * by a process that was killed names a process that is gone (or a reused id with another start time), so
 * {@link #holderAlive()} tells a stale file apart.
 *
 * @param processStart the holder's start time in epoch milliseconds; 0 when the system does not say
 */
public record McpRelayFile(int port, String secret, long pid, long processStart) {
  private static final Logger LOG = LoggerFactory.getLogger(McpRelayFile.class);
  public static final String NAME = "mcp-relay.json";

  public McpRelayFile {
    Objects.requireNonNull(secret, "secret");
    if (port < 1 || port > 65535 || secret.length() < 20 || pid < 1) {
      throw new IllegalArgumentException("port 1..65535, a secret of 20 characters or more, a process id");
    }
  }

  /** This process's entry for an endpoint listening on {@code port} with {@code secret}. */
  public static McpRelayFile ofThisProcess(int port, String secret) {
    ProcessHandle self = ProcessHandle.current();
    return new McpRelayFile(port, secret, self.pid(), startOf(self));
  }

  /** A new random secret (256 bits), for one run. */
  public static String newSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return "relay-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public static Path in(Path dataHome) {
    return dataHome.resolve(NAME);
  }

  /** {@code http://127.0.0.1:PORT}: the endpoint only ever listens on loopback. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Whether the process that wrote this file is still running (the same process, not a reused id). */
  public boolean holderAlive() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> processStart == 0 || startOf(p) == 0 || startOf(p) == processStart).isPresent();
  }

  private static long startOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  /**
   * Writes this entry to the data home: first to a private temporary file, then moved into place, so a reader
   * never sees half a file and the secret is never readable by others.
   */
  public void write(Path dataHome) throws IOException {
    Path target = in(dataHome);
    Path temporary = dataHome.resolve(NAME + "." + pid + ".tmp");
    Files.deleteIfExists(temporary);
    PrivateFiles.createFile(temporary);
    Files.writeString(temporary, TarsMcpServer.JSON.createObjectNode().put("port", port).put("secret", secret)
        .put("pid", pid).put("processStart", processStart).toString(), StandardCharsets.UTF_8);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The entry in the data home, if there is a readable one (stale or not: see {@link #holderAlive()}). */
  public static Optional<McpRelayFile> read(Path dataHome) {
    Path file = in(dataHome);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = TarsMcpServer.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(new McpRelayFile(json.path("port").asInt(), json.path("secret").asText(),
          json.path("pid").asLong(), json.path("processStart").asLong()));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Ignoring the unreadable {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Removes the file if it is still this entry (a newer holder's file is left alone). */
  public void removeFrom(Path dataHome) {
    try {
      if (read(dataHome).filter(this::equals).isPresent()) {
        Files.deleteIfExists(in(dataHome));
      }
    } catch (IOException e) {
      LOG.warn("Could not remove {}", in(dataHome), e);
    }
  }

  @Override
  public String toString() {
    return "McpRelayFile[port=" + port + ", pid=" + pid + "]";
  }
}
