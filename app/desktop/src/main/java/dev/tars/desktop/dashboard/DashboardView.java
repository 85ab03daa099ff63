package dev.tars.desktop.dashboard;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import dev.tars.desktop.fx.Fxml;
import dev.tars.desktop.fx.I18n;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/**
 * The Dashboard page: four charts and a few figures, refreshed every {@value #REFRESH_SECONDS} seconds while it
 * is shown (the memory gauges are sampled every minute; answers are recorded as they finish).
 */
public final class DashboardView {
  static final int REFRESH_SECONDS = 10;

  private final DashboardViewModel viewModel;
  private final I18n i18n;
  private final Timeline refresher;
  /** Kept in a field: a binding listens to its inputs weakly and would otherwise be collected. */
  private javafx.beans.binding.BooleanBinding shown;

  @FXML private BorderPane root;
  @FXML private Label answersLabel;
  @FXML private Label indexLabel;
  @FXML private Label engineLabel;
  @FXML private Label backupLabel;
  @FXML private LineChart<Number, Number> speedChart;
  @FXML private LineChart<Number, Number> waitChart;
  @FXML private AreaChart<Number, Number> memoryChart;
  @FXML private BarChart<String, Number> backupChart;

  public DashboardView(DashboardViewModel viewModel, I18n i18n) {
    this.viewModel = viewModel;
    this.i18n = i18n;
    this.refresher = new Timeline(new KeyFrame(Duration.seconds(REFRESH_SECONDS), e -> viewModel.refresh()));
    refresher.setCycleCount(Timeline.INDEFINITE);
  }

  /** Builds the page; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, i18n);
  }

  @FXML
  private void initialize() {
    answersLabel.textProperty().bind(viewModel.answersProperty());
    indexLabel.textProperty().bind(viewModel.indexProperty());
    engineLabel.textProperty().bind(viewModel.engineProperty());
    backupLabel.textProperty().bind(viewModel.lastBackupProperty());
    wholeNumberTicks(speedChart);
    wholeNumberTicks(waitChart);
    bindNumbers(speedChart, i18n.get("dashboard.series.speed"), viewModel.tokensPerSecond());
    bindNumbers(waitChart, i18n.get("dashboard.series.wait"), viewModel.timeToFirstToken());
    bindNumbers(memoryChart, i18n.get("dashboard.series.app"), viewModel.appMemory());
    bindNumbers(memoryChart, i18n.get("dashboard.series.engine"), viewModel.engineMemory());
    minutesUpToNow(memoryChart, viewModel.appMemory());
    XYChart.Series<String, Number> sizes = new XYChart.Series<>();
    sizes.setName(i18n.get("dashboard.series.backupSize"));
    backupChart.getData().add(sizes);
    viewModel.backupSizes().addListener((ListChangeListener<DashboardViewModel.Point>) c ->
        sizes.getData().setAll(viewModel.backupSizes().stream()
            .map(p -> new XYChart.Data<String, Number>(p.label(), p.y())).toList()));
    // The shell hides pages rather than removing them: refresh only while the page is really on screen.
    shown = root.visibleProperty().and(root.sceneProperty().isNotNull());
    shown.addListener((obs, was, now) -> {
      if (now) {
        viewModel.refresh();
        refresher.play();
      } else {
        refresher.stop();
      }
    });
    if (shown.get()) {
      refresher.play();
    }
    viewModel.refresh();
  }

  /** Answers are counted: label 1, 2, 3 and leave the in-between ticks unlabelled. */
  private static void wholeNumberTicks(XYChart<Number, Number> chart) {
    if (chart.getXAxis() instanceof javafx.scene.chart.NumberAxis axis) {
      axis.setMinorTickVisible(false);
      axis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
        @Override
        public String toString(Number value) {
          double v = value.doubleValue();
          return v == Math.rint(v) && v >= 1 ? Long.toString((long) v) : "";
        }

        @Override
        public Number fromString(String text) {
          return Double.parseDouble(text);
        }
      });
    }
  }

  /**
   * The memory chart's time axis ends at now and spans at least the last 10 minutes, in whole minutes: autoranging
   * a single sample taken 20 seconds ago gave an axis from -0.354 to -0.346.
   */
  private static void minutesUpToNow(XYChart<Number, Number> chart, ObservableList<DashboardViewModel.Point> points) {
    if (!(chart.getXAxis() instanceof javafx.scene.chart.NumberAxis axis)) {
      return;
    }
    axis.setAutoRanging(false);
    axis.setUpperBound(0);
    axis.setMinorTickVisible(false);
    Runnable fit = () -> {
      double oldest = points.stream().mapToDouble(DashboardViewModel.Point::x).min().orElse(0);
      double span = Math.max(10, Math.ceil(-oldest));
      axis.setLowerBound(-span);
      axis.setTickUnit(Math.max(1, Math.ceil(span / 10)));
    };
    points.addListener((ListChangeListener<DashboardViewModel.Point>) c -> fit.run());
    fit.run();
  }

  private static void bindNumbers(XYChart<Number, Number> chart, String name,
      ObservableList<DashboardViewModel.Point> points) {
    XYChart.Series<Number, Number> series = new XYChart.Series<>();
    series.setName(name);
    chart.getData().add(series);
    points.addListener((ListChangeListener<DashboardViewModel.Point>) c -> series.getData().setAll(
        points.stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList()));
  }
}
