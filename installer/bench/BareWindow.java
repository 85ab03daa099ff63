import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The reference of installer/bench-startup.sh: the least a JavaFX window costs on this machine (one label, the
 * same JDK and JavaFX, the same window size and initial heap as the packaged app). Titled like the app so the
 * script finds it the same way.
 */
public final class BareWindow extends Application {
  @Override
  public void start(Stage stage) {
    stage.setTitle("Tars");
    stage.setScene(new Scene(new StackPane(new Label("Tars")), 1177, 736));
    stage.show();
  }

  public static void main(String[] args) {
    launch(args);
  }
}
