package dev.tars.desktop.dashboard;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import dev.tars.desktop.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/** The Dashboard page: four charts and a few figures, refreshed every 30 seconds while it is shown. */
public final class DashboardView {
  private final DashboardViewModel viewModel;
  private final Timeline refresher;

  @FXML private BorderPane root;
  @FXML private Label answersLabel;
  @FXML private Label indexLabel;
  @FXML private Label engineLabel;
  @FXML private Label backupLabel;
  @FXML private LineChart<Number, Number> speedChart;
  @FXML private LineChart<Number, Number> waitChart;
  @FXML private AreaChart<Number, Number> memoryChart;
  @FXML private BarChart<String, Number> backupChart;

  public DashboardView(DashboardViewModel viewModel) {
    this.viewModel = viewModel;
    this.refresher = new Timeline(new KeyFrame(Duration.seconds(30), e -> viewModel.refresh()));
    refresher.setCycleCount(Timeline.INDEFINITE);
  }

  /** Builds the page; call on the JavaFX thread. */
  public Parent load() {
    return Fxml.load(this, "Dashboard.fxml");
  }

  @FXML
  private void initialize() {
    answersLabel.textProperty().bind(viewModel.answersProperty());
    indexLabel.textProperty().bind(viewModel.indexProperty());
    engineLabel.textProperty().bind(viewModel.engineProperty());
    backupLabel.textProperty().bind(viewModel.lastBackupProperty());
    bindNumbers(speedChart, "tokens/s", viewModel.tokensPerSecond());
    bindNumbers(waitChart, "first token (ms)", viewModel.timeToFirstToken());
    bindNumbers(memoryChart, "app (MB)", viewModel.appMemory());
    bindNumbers(memoryChart, "engine (MB)", viewModel.engineMemory());
    XYChart.Series<String, Number> sizes = new XYChart.Series<>();
    sizes.setName("backup size (MB)");
    backupChart.getData().add(sizes);
    viewModel.backupSizes().addListener((ListChangeListener<DashboardViewModel.Point>) c ->
        sizes.getData().setAll(viewModel.backupSizes().stream()
            .map(p -> new XYChart.Data<String, Number>(p.label(), p.y())).toList()));
    root.sceneProperty().addListener((obs, old, scene) -> {
      if (scene == null) {
        refresher.stop();
      } else {
        viewModel.refresh();
        refresher.play();
      }
    });
    viewModel.refresh();
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
