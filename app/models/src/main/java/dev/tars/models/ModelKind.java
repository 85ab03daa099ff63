package dev.tars.models;

/** What a model is for. */
public enum ModelKind {
  CHAT,
  SPEECH,
  EMBEDDING
}
