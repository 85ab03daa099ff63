package dev.tars.desktop.feature;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * A model offered for download in one click (the welcome's recommended model). The Models page makes it and
 * runs the download, so the welcome and the page show the same progress; the welcome only sees this contract.
 * Properties change on the UI thread; methods are called there.
 */
public interface ModelOffer {
  /** Where the download is. */
  enum Phase {
    OFFERED,
    RUNNING,
    PAUSED,
    FAILED,
    /** In the models folder: {@link #file()} says where. */
    INSTALLED
  }

  /** "Qwen2.5 1.5B Instruct Q4_K_M" */
  String title();

  /** "1.1 GB" */
  String size();

  /** "Apache-2.0" */
  String license();

  /** Memory the model needs while it runs, in bytes. */
  long requiredBytes();

  /** This computer's memory in bytes (0 when unknown). */
  long totalRam();

  /** Whether the publisher states a checksum the download is verified against. */
  boolean verifiable();

  ReadOnlyObjectProperty<Phase> phaseProperty();

  /** 0..1; -1 while the size is unknown. */
  ReadOnlyDoubleProperty progressProperty();

  /** "123.4 MB of 1.1 GB, 11%, 5.2 MB/s, 3:10 left", or the status in words between updates. */
  ReadOnlyStringProperty progressTextProperty();

  /** Why the download stopped, in words, when {@link Phase#FAILED}. */
  ReadOnlyStringProperty problemProperty();

  /** Starts, resumes or retries the download. */
  void start();

  void pause();

  void cancel();

  /** Where the model is once installed. */
  Optional<Path> file();
}
