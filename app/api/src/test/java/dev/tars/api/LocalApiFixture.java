package dev.tars.api;

import dev.tars.search.KnowledgeSource;
import dev.tars.chat.ChatService;
import dev.tars.chat.StatelessChat;
import dev.tars.embedding.Embedder;
import dev.tars.engine.local.LocalEngine;
import dev.tars.testkit.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real local API for tests: the supervised llama.cpp engine on the generated tiny model (started once per test
 * class), servers on free loopback ports, and an HTTP client.
 */
final class LocalApiFixture implements AutoCloseable {
  static final String KEY = "tars-test-key-0123456789abcdef";

  final Path dir;
  final LocalEngine engine;
  final StatelessChat chat;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<AutoCloseable> opened = new ArrayList<>();

  LocalApiFixture(Path dir) throws Exception {
    this.dir = dir;
    this.engine = new LocalEngine(LocalEngine.Options.defaults(Files.createDirectories(dir.resolve("tmp")))
        .withThreads(1));
    engine.load(TestModels.tiny());
    if (!engine.awaitReady(Duration.ofSeconds(60))) {
      throw new IllegalStateException("the engine did not start: " + engine.status());
    }
    this.chat = new StatelessChat(() -> engine);
  }

  /** A running server and its audit log. */
  record Served(ApiServer server, AuditLog audit) {
    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + server.port() + path);
    }
  }

  Served serve(ApiServer.Options options, ChatService history, Embedder embedder, KnowledgeSource knowledge)
      throws IOException {
    return serve(options, history, embedder, knowledge, AuditLog.Limits.DEFAULTS);
  }

  Served serve(ApiServer.Options options, ChatService history, Embedder embedder, KnowledgeSource knowledge,
      AuditLog.Limits auditLimits) throws IOException {
    AuditLog audit = new AuditLog(Files.createTempFile(dir, "audit", ".jsonl"), auditLimits);
    ApiServer server = ApiServer.start(options, new ApiServer.Services(chat, history, embedder, knowledge, audit));
    opened.add(audit);
    opened.add(server);
    return new Served(server, audit);
  }

  Served serve() throws IOException {
    return serve(ApiServer.Options.defaults(KEY).withPort(0), null, null, null);
  }

  HttpResponse<String> post(Served s, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(Served s, String path, String key) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    // Servers first (they were opened after their audit logs), then the engine.
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    engine.close();
  }
}
