package dev.tars.engine;

/**
 * What an engine is serving.
 *
 * @param id the model name the engine reports (file name for the local engine)
 * @param contextLength the context window in tokens, or -1 when the engine does not say
 */
public record ModelInfo(String id, int contextLength) {}
