package dev.tars.desktop.models;

import dev.tars.models.CatalogEntry;
import dev.tars.models.Fit;
import dev.tars.models.InstalledModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One line of the Models table: a catalog model, or an imported model the catalog does not list. */
public final class ModelRow {
  /** Where a row's model is. */
  public enum State {
    AVAILABLE,
    INCLUDED,
    QUEUED,
    DOWNLOADING,
    PAUSED,
    VERIFYING,
    INSTALLED,
    FAILED
  }

  private final String name;
  private final CatalogEntry entry;
  private final StringProperty title = new SimpleStringProperty();
  private final StringProperty kind = new SimpleStringProperty();
  private final StringProperty size = new SimpleStringProperty();
  private final StringProperty quantization = new SimpleStringProperty();
  private final StringProperty context = new SimpleStringProperty();
  private final StringProperty license = new SimpleStringProperty();
  private final StringProperty fit = new SimpleStringProperty();
  private final StringProperty fitHint = new SimpleStringProperty("");
  private final ObjectProperty<Fit> fitLevel = new SimpleObjectProperty<>(Fit.FITS);
  private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.AVAILABLE);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty progressText = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty("");
  private final StringProperty details = new SimpleStringProperty("");
  private final BooleanProperty active = new SimpleBooleanProperty(false);
  private final BooleanProperty expanded = new SimpleBooleanProperty(false);
  private final StringProperty description = new SimpleStringProperty("");
  private boolean recommended;
  private long sizeBytes;
  private String searchText = "";
  private InstalledModel installed;

  ModelRow(String name, CatalogEntry entry) {
    this.name = name;
    this.entry = entry;
  }

  public String name() {
    return name;
  }

  /** The catalog entry, or null for an imported model. */
  public CatalogEntry entry() {
    return entry;
  }

  public InstalledModel installed() {
    return installed;
  }

  void setInstalled(InstalledModel model) {
    installed = model;
  }

  /** Whether the row shows its description and licence link under it. */
  public BooleanProperty expandedProperty() {
    return expanded;
  }

  /** What the model is good for, in the UI's language; empty for imported models. */
  public StringProperty descriptionProperty() {
    return description;
  }

  /** Whether this is the model recommended for this computer (the one the welcome page offers). */
  public boolean recommended() {
    return recommended;
  }

  void setRecommended(boolean recommended) {
    this.recommended = recommended;
  }

  /** The download or file size in bytes, for sorting. */
  public long sizeBytes() {
    return sizeBytes;
  }

  void setSizeBytes(long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  /** Lower-case words the search box matches: name, title, family, parameters, size, quantization, kind. */
  String searchText() {
    return searchText;
  }

  void setSearchText(String searchText) {
    this.searchText = searchText;
  }

  public StringProperty titleProperty() {
    return title;
  }

  public StringProperty kindProperty() {
    return kind;
  }

  public StringProperty sizeProperty() {
    return size;
  }

  public StringProperty quantizationProperty() {
    return quantization;
  }

  public StringProperty contextProperty() {
    return context;
  }

  public StringProperty licenseProperty() {
    return license;
  }

  /** "fits", "may be slow" or "won’t fit", in the UI's language. */
  public StringProperty fitProperty() {
    return fit;
  }

  /** The fit the label says, for its colour. */
  public ObjectProperty<Fit> fitLevelProperty() {
    return fitLevel;
  }

  /** Why the fit label says what it says. */
  public StringProperty fitHintProperty() {
    return fitHint;
  }

  public ObjectProperty<State> stateProperty() {
    return state;
  }

  public State state() {
    return state.get();
  }

  /** 0..1 while downloading or paused; -1 while the size is unknown. */
  public DoubleProperty progressProperty() {
    return progress;
  }

  /** "123.4 MB of 491.0 MB, 25%, 5.2 MB/s, 1:10 left" */
  public StringProperty progressTextProperty() {
    return progressText;
  }

  /** The latest status or error in words. */
  public StringProperty messageProperty() {
    return message;
  }

  /** Whether this is the model the engine uses now. */
  public BooleanProperty activeProperty() {
    return active;
  }

  /** What the GGUF header says, once installed. */
  public StringProperty detailsProperty() {
    return details;
  }
}
