package dev.tars.config;

/** The window's colour scheme. SYSTEM follows the desktop where it can be detected, else light. */
public enum Theme {
  SYSTEM,
  LIGHT,
  DARK
}
