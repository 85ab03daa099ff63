package dev.tars.models;

import dev.tars.engine.gguf.GgufFile;

/**
 * What a GGUF file says about itself, as shown on the Models page and by {@code models list}.
 *
 * @param parameterLabel e.g. {@code 494M}, {@code 1.5B}
 * @param contextLength trained context window in tokens, -1 if the file does not say
 */
public record ModelMetadata(String architecture, String name, long parameterCount, String parameterLabel,
    String quantization, int contextLength, boolean chatTemplate) {

  public static ModelMetadata of(GgufFile gguf) {
    return new ModelMetadata(gguf.architecture(), gguf.name(), gguf.parameterCount(), gguf.parameterLabel(),
        gguf.quantization(), gguf.contextLength(), gguf.hasChatTemplate());
  }

  /** "qwen2, 494M parameters, Q4_K_M, context 32768, chat template" */
  public String describe() {
    return architecture + ", " + parameterLabel + " parameters, " + quantization + ", context "
        + (contextLength > 0 ? contextLength : "unknown") + (chatTemplate ? ", chat template" : ", no chat template");
  }
}
