package dev.tars.config;

/** Where answers come from. */
public enum EngineChoice {
  /** llama.cpp in a supervised child process on this machine. */
  LOCAL,
  /** A remote OpenAI-compatible server (llama.cpp server, vLLM, Ollama). */
  REMOTE
}
