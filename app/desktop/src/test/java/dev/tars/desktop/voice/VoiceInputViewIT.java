package dev.tars.desktop.voice;

import static dev.tars.desktop.fx.FxWait.fx;
import static dev.tars.desktop.fx.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.WindowShots;
import dev.tars.voice.PushToTalk;
import dev.tars.voice.audio.PacedSource;
import dev.tars.voice.audio.WavFileSource;
import dev.tars.voice.audio.WavWriter;
import dev.tars.voice.recognition.WordErrorRate;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxRecognizer;
import dev.tars.voice.synthesis.VoiceOptions;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Push-to-talk through the window (TestFX, headless): Ctrl+Space held, live words in the input box, the mic button
 * in its listening state, final text on release. A FreeTTS recording at speaking pace stands in for the
 * microphone. Saves screenshots of the listening state to {@code target/screenshots}.
 */
class VoiceInputViewIT {
  @TempDir
  static Path dir;
  private static Path wav;
  private static PushToTalk pushToTalk;
  private static FxUiDispatcher ui;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void setUp() throws Exception {
    try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.load()) {
      short[] speech = tts.synthesize("What time is the meeting tomorrow morning?", VoiceOptions.DEFAULTS);
      short[] padded = new short[speech.length + 8_000];
      System.arraycopy(speech, 0, padded, 4_000, speech.length);
      wav = dir.resolve("speech.wav");
      WavWriter.write(wav, padded);
    }
    pushToTalk = new PushToTalk(() -> PocketSphinxRecognizer.loadEnglish(dir.resolve("ps.log")),
        () -> new PacedSource(WavFileSource.open(wav)));
    pushToTalk.prepare().get(60, TimeUnit.SECONDS);
    FxToolkit.registerPrimaryStage();
    ui = new FxUiDispatcher();
  }

  @AfterAll
  static void tearDown() throws Exception {
    pushToTalk.close();
    ui.close();
    FxToolkit.cleanupStages();
  }

  @Test
  void holdingCtrlSpaceShowsListeningAndLiveWordsAndReleasingLeavesTheFinalText() throws Exception {
    I18n texts = I18n.forLanguage("en");
    AtomicInteger sent = new AtomicInteger();
    TextArea[] input = new TextArea[1];
    VoiceInputViewModel[] vm = new VoiceInputViewModel[1];
    ReadAloudViewModel[] readAloudVm = new ReadAloudViewModel[1];
    Stage stage = FxToolkit.setupStage(s -> {
      Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      input[0] = new TextArea();
      input[0].setPromptText("Message Tars…");
      input[0].setPrefRowCount(2);
      vm[0] = new VoiceInputViewModel(pushToTalk, ui, input[0].textProperty(), sent::incrementAndGet, () -> false, I18n.forLanguage("en"));
      VoiceInputView view = new VoiceInputView(vm[0], texts, "Ctrl+Space");
      VBox root = new VBox(8, input[0], view.root());
      root.setPadding(new Insets(16));
      Scene scene = new Scene(root, 560, 170);
      scene.getStylesheets().addAll(Objects.requireNonNull(VoiceInputViewIT.class
          .getResource("/dev/tars/desktop/tars.css")).toExternalForm(), VoiceFeature.stylesheet());
      readAloudVm[0] = new ReadAloudViewModel(null, ui, false, I18n.forLanguage("en"));
      PushToTalkKeys.install(scene, "Ctrl+Space", vm[0], readAloudVm[0]);
      s.setScene(scene);
      s.show();
    });
    FxToolkit.showStage();
    robot.clickOn(input[0]);

    robot.press(KeyCode.CONTROL, KeyCode.SPACE);
    waitUntil(30, () -> vm[0].stateProperty().get() == PushToTalk.State.LISTENING);
    // The meter moves while audio is captured; on a loaded machine the words may trail behind the capture.
    waitUntil(30, () -> ((ProgressBar) robot.lookup("#voice-level").query()).getProgress() > 0.3);
    screenshot(stage, "voice-listening.png");
    waitUntil(30, () -> input[0].getText().split(" ").length >= 3);
    assertThat(fx(() -> robot.lookup("#mic-button").query().getStyleClass())).contains("listening");
    assertThat(fx(() -> robot.lookup("#voice-state").queryLabeled().getText())).isEqualTo("Listening…");
    assertThat(fx(() -> robot.lookup("#voice-level").query().isVisible())).isTrue();
    screenshot(stage, "voice-listening-words.png");

    waitUntil(60, () -> input[0].getText().endsWith("morning"));
    robot.release(KeyCode.SPACE, KeyCode.CONTROL);
    waitUntil(30, () -> vm[0].stateProperty().get() == PushToTalk.State.IDLE);

    String finalText = fx(() -> input[0].getText());
    // PocketSphinx may mishear a word of the diphone voice (see the voice benchmark for its error rate).
    assertThat(WordErrorRate.of("What time is the meeting tomorrow morning", finalText)).isLessThan(0.35);
    assertThat(finalText).matches("[A-Z].*morning");
    assertThat(fx(() -> robot.lookup("#mic-button").query().getStyleClass())).doesNotContain("listening");
    assertThat(sent.get()).as("send-on-release is off").isZero();
    screenshot(stage, "voice-after-release.png");
  }

  /** Always written, to target/screenshots, for a look at the listening state. */
  private static void screenshot(Stage stage, String name) throws Exception {
    WindowShots.saveTo(Path.of("target", "screenshots"), stage.getScene().getRoot(), name);
  }
}
