package dev.tars.desktop.fx;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * Spinners bound to view-model properties. Typed text is committed when the field loses focus (JavaFX only does
 * it on Enter), and text that is not a number is put back instead of throwing.
 */
public final class Spinners {
  private Spinners() {}

  /** Binds {@code spinner} to {@code property}; the returned object property must be kept by the caller. */
  public static ObjectProperty<Double> bindDouble(Spinner<Double> spinner, DoubleProperty property, double min,
      double max, double step) {
    SpinnerValueFactory.DoubleSpinnerValueFactory factory =
        new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
    factory.setConverter(new StringConverter<>() {
      @Override
      public String toString(Double value) {
        return value == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", value);
      }

      @Override
      public Double fromString(String text) {
        try {
          return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
          return factory.getValue();
        }
      }
    });
    spinner.setValueFactory(factory);
    ObjectProperty<Double> boxed = property.asObject();
    factory.valueProperty().bindBidirectional(boxed);
    commitOnFocusLost(spinner);
    return boxed;
  }

  public static ObjectProperty<Integer> bindInt(Spinner<Integer> spinner, IntegerProperty property, int min,
      int max, int step) {
    SpinnerValueFactory.IntegerSpinnerValueFactory factory =
        new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get(), step);
    factory.setConverter(new StringConverter<>() {
      @Override
      public String toString(Integer value) {
        return value == null ? "" : value.toString();
      }

      @Override
      public Integer fromString(String text) {
        try {
          return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
          return factory.getValue();
        }
      }
    });
    spinner.setValueFactory(factory);
    ObjectProperty<Integer> boxed = property.asObject();
    factory.valueProperty().bindBidirectional(boxed);
    commitOnFocusLost(spinner);
    return boxed;
  }

  private static <T> void commitOnFocusLost(Spinner<T> spinner) {
    spinner.focusedProperty().addListener((obs, was, now) -> {
      if (!now) {
        spinner.commitValue();
      }
    });
  }
}
