package dev.tars.desktop.fx;

import dev.tars.engine.Sampling;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The system prompt and sampling a form edits: Settings edits the defaults, a conversation's settings dialog
 * its own. View models own one; their views bind to its properties.
 */
public final class SamplingFields {
  private final StringProperty systemPrompt = new SimpleStringProperty("");
  private final DoubleProperty temperature = new SimpleDoubleProperty(Sampling.DEFAULTS.temperature());
  private final DoubleProperty topP = new SimpleDoubleProperty(Sampling.DEFAULTS.topP());
  private final IntegerProperty maxTokens = new SimpleIntegerProperty(Sampling.DEFAULTS.maxTokens());

  /** Shows {@code prompt} and {@code sampling} in the fields. */
  public void fill(String prompt, Sampling sampling) {
    systemPrompt.set(prompt);
    temperature.set(sampling.temperature());
    topP.set(sampling.topP());
    maxTokens.set(sampling.maxTokens());
  }

  /** The sampling the fields hold; empty when a value is out of range. */
  public Optional<Sampling> sampling() {
    try {
      return Optional.of(new Sampling(temperature.get(), topP.get(), maxTokens.get()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The system prompt without surrounding blanks ("" when none). */
  public String systemPrompt() {
    return systemPrompt.get() == null ? "" : systemPrompt.get().strip();
  }

  /** Every field, for a form that watches for changes. */
  public List<ObservableValue<?>> all() {
    return List.of(systemPrompt, temperature, topP, maxTokens);
  }

  public StringProperty systemPromptProperty() {
    return systemPrompt;
  }

  public DoubleProperty temperatureProperty() {
    return temperature;
  }

  public DoubleProperty topPProperty() {
    return topP;
  }

  public IntegerProperty maxTokensProperty() {
    return maxTokens;
  }
}
