package dev.tars.desktop.models;

import static dev.tars.testkit.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.concurrent.NamedThreads;
import dev.tars.desktop.fx.FxUiDispatcher;
import dev.tars.desktop.fx.FxWait;
import dev.tars.desktop.fx.I18n;
import dev.tars.models.ArchiveExtractor;
import dev.tars.models.DiskSpace;
import dev.tars.models.Downloader;
import dev.tars.models.ModelCatalog;
import dev.tars.models.ModelManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.geometry.Orientation;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Models page with the real catalog at the width the default window leaves it (1240 px minus the 272 px
 * sidebar): every text readable in both languages, search, the recommended model first, rows that expand.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsPageLayoutIT {
  static final double DEFAULT_PAGE_WIDTH = 968;
  @TempDir Path home;
  private final ExecutorService background = Executors.newFixedThreadPool(1, NamedThreads.named("models-test"));
  private final FxUiDispatcher ui = new FxUiDispatcher();
  private final List<URI> opened = new CopyOnWriteArrayList<>();
  private final List<ModelManager> managers = new ArrayList<>();
  private Stage stage;

  @org.junit.jupiter.api.BeforeAll
  static void patientSetUp() {
    // Alone, this class starts the toolkit in a cold JVM; on a busy 2-core machine that can take longer than
    // TestFX's 30 s setup limit (in the suite an earlier test has started it already).
    org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @Start
  void start(Stage stage) {
    // The app's theme: text widths and paddings as a person sees them.
    javafx.application.Application.setUserAgentStylesheet(
        new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    this.stage = stage;
  }

  @AfterEach
  void tearDown() {
    managers.forEach(ModelManager::close);
    background.shutdownNow();
    ui.close();
  }

  private ModelsViewModel show(String language, long ram) throws Exception {
    ModelManager manager = new ModelManager(ModelCatalog.bundled(), home.resolve("models-" + language),
        new Downloader(home.resolve("downloads"), DiskSpace.SYSTEM, Downloader.Options.DEFAULTS),
        new ArchiveExtractor(), Optional::empty, ram);
    managers.add(manager);
    I18n i18n = I18n.forLanguage(language);
    ModelsViewModel viewModel = WaitForAsyncUtils.asyncFx(() -> {
      ModelsViewModel model = new ModelsViewModel(manager, ui::run, background, i18n);
      model.setLinkOpener(opened::add);
      Parent page = new ModelsView(model, i18n).load();
      stage.setScene(new Scene(page, DEFAULT_PAGE_WIDTH, 760));
      stage.show();
      return model;
    }).get();
    // The checks read the table's cells: wait until its rows are drawn, not merely until the queue is empty.
    FxWait.waitUntil(() -> !shownTitles(stage.getScene().getRoot()).isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    return viewModel;
  }

  /** The model titles the table's row cells show now. */
  private static List<String> shownTitles(Parent root) {
    return root.lookupAll(".models-title-text").stream().filter(Node::isVisible)
        .map(n -> ((Text) n).getText()).filter(t -> t != null && !t.isEmpty()).toList();
  }

  @Test
  void everyColumnIsReadableAtTheDefaultWindowSizeInEnglishAndSpanish(FxRobot robot) throws Exception {
    for (String language : List.of("en", "es")) {
      show(language, 8L << 30);
      WaitForAsyncUtils.waitForFxEvents();
      TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
      assertThat(shownTitles(table)).as("rows drawn in %s", language).hasSizeGreaterThan(5);
      assertThat(cutTexts(table)).as("texts cut short in %s", language).isEmpty();
      assertThat(tightTexts(table)).as("texts without room to spare in %s", language).isEmpty();
      assertThat(overflowingTexts(table)).as("texts wider than their cell in %s", language).isEmpty();
      assertThat(table.lookupAll(".scroll-bar").stream().filter(n -> n instanceof ScrollBar b
          && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible())).as("horizontal scroll bar").isEmpty();
    }
  }

  @Test
  void searchFiltersByNameFamilyAndSize(FxRobot robot) throws Exception {
    ModelsViewModel viewModel = show("en", 8L << 30);
    robot.clickOn(".text-field").write("1.5b");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(titles(robot)).isNotEmpty().allMatch(t -> t.contains("1.5B"));
    WaitForAsyncUtils.asyncFx(() -> viewModel.searchProperty().set("llama3.2")).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(titles(robot)).hasSize(4).allMatch(t -> t.startsWith("Llama 3.2"));
    WaitForAsyncUtils.asyncFx(() -> viewModel.searchProperty().set("491")).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(titles(robot)).containsExactly("Qwen2.5 0.5B Instruct Q4_K_M");
    WaitForAsyncUtils.asyncFx(() -> viewModel.searchProperty().set("no such model")).get();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(titles(robot)).isEmpty();
    assertThat(robot.lookup("No model matches the search.").tryQuery()).isPresent();
  }

  @Test
  void theRecommendedModelComesFirstThenTheRestByFit(FxRobot robot) throws Exception {
    show("en", 8L << 30);
    WaitForAsyncUtils.waitForFxEvents();
    TableView<ModelRow> table = table(robot);
    List<ModelRow> items = List.copyOf(table.getItems());
    assertThat(items.getFirst().name()).isEqualTo("qwen2.5-1.5b-instruct-q4_k_m");
    assertThat(items.stream().filter(ModelRow::recommended)).hasSize(1);
    assertThat(robot.lookup(".models-recommended").queryAll().stream().filter(Node::isVisible)).hasSize(1);
    for (int i = 2; i < items.size(); i++) {
      assertThat(items.get(i).fitLevelProperty().get()).isGreaterThanOrEqualTo(items.get(i - 1).fitLevelProperty().get());
    }

    show("en", 4L << 30);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table(robot).getItems().getFirst().name()).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m");
  }

  @Test
  void aRowExpandsToItsDescriptionAndLicenceLink(FxRobot robot) throws Exception {
    show("es", 8L << 30);
    WaitForAsyncUtils.waitForFxEvents();
    TableRow<?> first = (TableRow<?>) robot.lookup(".table-row-cell").queryAll().stream()
        .filter(n -> n instanceof TableRow<?> r && r.getIndex() == 0).findFirst().orElseThrow();
    double closed = first.getHeight();
    robot.clickOn(robot.lookup(".models-title-text").queryAll().stream()
        .filter(n -> n.isVisible() && ((Text) n).getText().startsWith("Qwen2.5 1.5B")).findFirst().orElseThrow());
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(() -> robot.lookup(".models-details-text").tryQuery().isPresent());
    Text description = robot.lookup(".models-details-text").queryAs(Text.class);
    assertThat(description.getText()).contains("Alibaba", "español");
    assertThat(first.getHeight()).isGreaterThan(closed + description.getLayoutBounds().getHeight() * 0.9);
    Hyperlink licence = robot.lookup(".models-license-link").queryAs(Hyperlink.class);
    assertThat(licence.getText()).isEqualTo("Apache-2.0");
    robot.clickOn(licence);
    waitUntil(() -> !opened.isEmpty());
    assertThat(opened).containsExactly(URI.create("https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct/blob/main/LICENSE"));

    robot.clickOn(description);
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(() -> robot.lookup(".models-details-text").tryQuery().isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static TableView<ModelRow> table(FxRobot robot) {
    return robot.lookup(".table-view").queryAs(TableView.class);
  }

  private static List<String> titles(FxRobot robot) {
    return table(robot).getItems().stream().map(r -> r.titleProperty().get()).toList();
  }

  /** Labels, buttons and headers whose text the skin shortened ("Qwen2.5 0.5B In..."). */
  static List<String> cutTexts(Parent root) {
    List<String> cut = new ArrayList<>();
    for (Node n : root.lookupAll(".labeled, .label, .button, .table-cell")) {
      if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()) {
        Text shown = (Text) l.lookup(".text");
        if (shown != null && !shown.getText().equals(l.getText())) {
          cut.add(l.getText() + " -> " + shown.getText());
        }
      }
    }
    return cut;
  }

  /**
   * Single-line texts that would not fit if drawn 15% wider: the headless test renders with narrower glyphs
   * than a desktop's DejaVu Sans under Xvfb, where "491.0 MB" and "Context" were still cut at 968 px.
   */
  static List<String> tightTexts(Parent root) {
    List<String> tight = new ArrayList<>();
    for (Node n : root.lookupAll(".label, .button, .table-cell")) {
      if (n instanceof Labeled l && l.isVisible() && !l.isWrapText() && l.getText() != null && !l.getText().isEmpty()
          && l.getWidth() > 0) {
        Text probe = new Text(l.getText());
        probe.setFont(l.getFont());
        double needed = probe.getLayoutBounds().getWidth() * 1.15 + l.snappedLeftInset() + l.snappedRightInset();
        if (needed > l.getWidth()) {
          tight.add(l.getText() + " needs " + Math.round(needed) + " of " + Math.round(l.getWidth()));
        }
      }
    }
    return tight;
  }

  /** Texts (wrapping ones included) that run past the right edge of the cell they are in. */
  static List<String> overflowingTexts(Parent root) {
    List<String> over = new ArrayList<>();
    for (Node n : root.lookupAll(".table-cell")) {
      if (!n.isVisible() || ((javafx.scene.layout.Region) n).getWidth() <= 0) {
        continue;
      }
      double right = n.localToScene(n.getLayoutBounds()).getMaxX();
      for (Node t : n.lookupAll("Text")) {
        if (t instanceof Text text && t.isVisible() && !text.getText().isEmpty()
            && text.localToScene(text.getLayoutBounds()).getMaxX() > right + 1) {
          over.add(text.getText());
        }
      }
    }
    return over;
  }
}
