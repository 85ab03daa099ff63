package dev.tars.desktop.fx;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A view model with an explicit {@code State} (its own enum) and, when the state says something was refused or
 * failed, an error in words for the page to show. Views bind to the read-only sides; only the view model
 * changes them, on the UI thread.
 */
public abstract class StateViewModel<S extends Enum<S>> {
  private final ReadOnlyObjectWrapper<S> state;
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

  protected StateViewModel(S initial) {
    this.state = new ReadOnlyObjectWrapper<>(initial);
  }

  public ReadOnlyObjectProperty<S> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public S state() {
    return state.get();
  }

  /** Why the last step was refused or failed; empty otherwise. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  protected void setState(S now) {
    state.set(now);
  }

  protected void setError(String message) {
    error.set(message);
  }
}
