package dev.tars.config;

import dev.tars.engine.Sampling;
import java.util.List;
import java.util.Objects;

/**
 * Global settings, persisted. Immutable: change one with the {@code with*} methods and save it through
 * {@link SettingsStore#save}.
 *
 * @param language a BCP 47 tag such as {@code en} or {@code es}; empty follows the operating system
 * @param modelPath the local GGUF model; empty until one is chosen
 * @param remoteUrl base URL of the remote server, e.g. {@code http://host:8080/v1}; empty when unused
 * @param remoteApiKey optional bearer key for the remote server; empty when none
 * @param remoteModel model name to ask the remote server for; empty uses the server's first model
 * @param contextSize context window for the local engine, in tokens
 * @param threads CPU threads for the local engine; 0 picks one per core
 * @param apiServer whether the app serves the local OpenAI-compatible API on 127.0.0.1 while it runs
 * @param apiPort the port the local API listens on (it does not start when that port is taken); 0 lets Tars pick a
 *     free port each time, which Settings then shows
 * @param apiAllowedOrigins web page origins (such as {@code http://localhost:3000}) allowed to call the local API;
 *     empty (the default) refuses every request that comes from a web page
 * @param apiAllowActions whether other apps may change things through MCP (create notes, reminders, events,
 *     memories); off by default, when they can only read
 */
public record AppSettings(
    Theme theme,
    String language,
    String defaultSystemPrompt,
    Sampling defaultSampling,
    EngineChoice engine,
    String modelPath,
    String remoteUrl,
    String remoteApiKey,
    String remoteModel,
    int contextSize,
    int threads,
    boolean apiServer,
    int apiPort,
    List<String> apiAllowedOrigins,
    boolean apiAllowActions) {

  public static final int DEFAULT_API_PORT = 4891;

  public static final AppSettings DEFAULTS = new AppSettings(Theme.SYSTEM, "",
      "You are Tars, a helpful assistant running privately on the user's computer.", Sampling.DEFAULTS,
      EngineChoice.LOCAL, "", "", "", "", 4096, 0, false, DEFAULT_API_PORT, List.of(), false);

  public AppSettings {
    Objects.requireNonNull(theme, "theme");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(defaultSystemPrompt, "defaultSystemPrompt");
    Objects.requireNonNull(defaultSampling, "defaultSampling");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(modelPath, "modelPath");
    Objects.requireNonNull(remoteUrl, "remoteUrl");
    Objects.requireNonNull(remoteApiKey, "remoteApiKey");
    Objects.requireNonNull(remoteModel, "remoteModel");
    if (contextSize < 256) {
      throw new IllegalArgumentException("context size must be at least 256 tokens, was " + contextSize);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative, was " + threads);
    }
    if (apiPort < 0 || apiPort > 65535) {
      throw new IllegalArgumentException("the API port must be 0-65535, was " + apiPort);
    }
    apiAllowedOrigins = List.copyOf(apiAllowedOrigins);
  }

  public AppSettings withTheme(Theme value) {
    return new AppSettings(value, language, defaultSystemPrompt, defaultSampling, engine, modelPath, remoteUrl,
        remoteApiKey, remoteModel, contextSize, threads, apiServer, apiPort, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withLanguage(String value) {
    return new AppSettings(theme, value, defaultSystemPrompt, defaultSampling, engine, modelPath, remoteUrl,
        remoteApiKey, remoteModel, contextSize, threads, apiServer, apiPort, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withDefaults(String systemPrompt, Sampling sampling) {
    return new AppSettings(theme, language, systemPrompt, sampling, engine, modelPath, remoteUrl, remoteApiKey,
        remoteModel, contextSize, threads, apiServer, apiPort, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withModelPath(String value) {
    return new AppSettings(theme, language, defaultSystemPrompt, defaultSampling, engine, value, remoteUrl,
        remoteApiKey, remoteModel, contextSize, threads, apiServer, apiPort, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withEngine(EngineChoice choice, String url, String apiKey, String model) {
    return new AppSettings(theme, language, defaultSystemPrompt, defaultSampling, choice, modelPath, url, apiKey,
        model, contextSize, threads, apiServer, apiPort, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withLocalEngine(int contextTokens, int threadCount) {
    return new AppSettings(theme, language, defaultSystemPrompt, defaultSampling, engine, modelPath, remoteUrl,
        remoteApiKey, remoteModel, contextTokens, threadCount, apiServer, apiPort, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withApiServer(boolean enabled, int port) {
    return new AppSettings(theme, language, defaultSystemPrompt, defaultSampling, engine, modelPath, remoteUrl,
        remoteApiKey, remoteModel, contextSize, threads, enabled, port, apiAllowedOrigins, apiAllowActions);
  }

  public AppSettings withApiAllowedOrigins(List<String> origins) {
    return new AppSettings(theme, language, defaultSystemPrompt, defaultSampling, engine, modelPath, remoteUrl,
        remoteApiKey, remoteModel, contextSize, threads, apiServer, apiPort, origins, apiAllowActions);
  }

  public AppSettings withApiAllowActions(boolean allowed) {
    return new AppSettings(theme, language, defaultSystemPrompt, defaultSampling, engine, modelPath, remoteUrl,
        remoteApiKey, remoteModel, contextSize, threads, apiServer, apiPort, apiAllowedOrigins, allowed);
  }
}
