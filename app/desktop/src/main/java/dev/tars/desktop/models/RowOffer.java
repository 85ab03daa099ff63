package dev.tars.desktop.models;

import dev.tars.desktop.feature.ModelOffer;
import dev.tars.models.Fit;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A Models page row offered for one-click download (the recommended model), for the welcome page. */
final class RowOffer implements ModelOffer {
  private final ModelRow row;
  private final ModelsViewModel models;
  private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  RowOffer(ModelRow row, ModelsViewModel models) {
    this.row = row;
    this.models = models;
    progress.bind(row.progressProperty());
    progressText.bind(Bindings.when(row.progressTextProperty().isEmpty()).then(row.messageProperty())
        .otherwise(row.progressTextProperty()));
    row.stateProperty().addListener((obs, old, now) -> update(now));
    update(row.state());
  }

  private void update(ModelRow.State state) {
    problem.set(state == ModelRow.State.FAILED ? row.messageProperty().get() : "");
    phase.set(switch (state) {
      case AVAILABLE, INCLUDED -> Phase.OFFERED;
      case QUEUED, DOWNLOADING, VERIFYING -> Phase.RUNNING;
      case PAUSED -> Phase.PAUSED;
      case FAILED -> Phase.FAILED;
      case INSTALLED -> Phase.INSTALLED;
    });
  }

  @Override
  public String title() {
    return row.titleProperty().get();
  }

  @Override
  public String size() {
    return row.sizeProperty().get();
  }

  @Override
  public String license() {
    return row.licenseProperty().get();
  }

  @Override
  public long requiredBytes() {
    return Fit.requiredBytes(row.sizeBytes());
  }

  @Override
  public long totalRam() {
    return models.totalRam();
  }

  @Override
  public boolean verifiable() {
    return row.entry() != null && row.entry().sha256() != null;
  }

  @Override
  public ReadOnlyObjectProperty<Phase> phaseProperty() {
    return phase.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  @Override
  public void start() {
    models.download(row);
  }

  @Override
  public void pause() {
    models.pause(row);
  }

  @Override
  public void cancel() {
    models.cancel(row);
  }

  @Override
  public Optional<Path> file() {
    return models.file(row);
  }
}
