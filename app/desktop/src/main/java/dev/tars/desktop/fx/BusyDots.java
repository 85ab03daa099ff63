package dev.tars.desktop.fx;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * Says "Tars is working" where nothing tells how far along it is: three dots, one lit at a time, moved on a few
 * times a second. An indeterminate {@code ProgressIndicator} redraws every frame instead, and with software
 * rendering each frame re-uploads the whole window (0.28 of a core, measured; decision 1460). The dots move only
 * while they are visible and in a scene.
 */
public final class BusyDots extends HBox {
  /** How long one dot stays lit: about three steps a second, enough to see that something is going on. */
  public static final Duration STEP = Duration.millis(350);
  private static final double DIM = 0.3;

  private final Region[] dots = new Region[3];
  private final Timeline steps = new Timeline(new KeyFrame(STEP, e -> step()));
  private int lit;

  public BusyDots() {
    super(3);
    getStyleClass().add("busy-dots");
    setAlignment(Pos.CENTER);
    setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    for (int i = 0; i < dots.length; i++) {
      dots[i] = new Region();
      dots[i].getStyleClass().add("busy-dot");
      getChildren().add(dots[i]);
    }
    light(0);
    steps.setCycleCount(Animation.INDEFINITE);
    InvalidationListener follow = o -> follow();
    visibleProperty().addListener(follow);
    sceneProperty().addListener(follow);
    follow();
  }

  /** Whether the dots are moving now (they stop when hidden or out of the window). */
  public boolean isStepping() {
    return steps.getStatus() == Animation.Status.RUNNING;
  }

  private void follow() {
    if (isVisible() && getScene() != null) {
      steps.play();
    } else {
      steps.stop();
    }
  }

  private void step() {
    light((lit + 1) % dots.length);
  }

  // Opacity only: no CSS pass, and the dirty area is three small squares.
  private void light(int index) {
    lit = index;
    for (int i = 0; i < dots.length; i++) {
      dots[i].setOpacity(i == index ? 1 : DIM);
    }
  }
}
