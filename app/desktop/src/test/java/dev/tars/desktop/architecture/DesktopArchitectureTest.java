package dev.tars.desktop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.runtime.architecture.FrontEndRules;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;

/**
 * The window is a front end over {@code TarsRuntime}: it builds no service and never touches storage or
 * llama.cpp; its feature packages have no cycles; view models stay testable without a screen, and background
 * results reach the UI thread in one place.
 */
@AnalyzeClasses(packages = "dev.tars.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class DesktopArchitectureTest {
  @ArchTest
  static final ArchRule theWindowNeverTouchesStorage =
      noClasses().should().dependOnClassesThat().resideInAPackage("dev.tars.storage..");

  @ArchTest
  static final ArchRule theWindowBuildsNoService = FrontEndRules.buildsNoService();

  @ArchTest
  static final ArchRule featurePackagesHaveNoCycles =
      slices().matching("dev.tars.desktop.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noClassLoadsLlamaCppIntoTheUiProcess =
      noClasses().should().dependOnClassesThat().resideInAPackage("de.kherud..");

  private static final List<String> FEATURES = List.of("chat", "conversations", "knowledge", "memory", "projects",
      "backup", "voice", "settings", "models", "dashboard", "search", "welcome", "notes");

  // Features that still use another feature's classes directly. Each is a debt to pay the way documents and
  // memory did with ChatHooks (feature/): the search overlay belongs to memory's Ctrl+K, the project switcher
  // sits in the conversation list, read-aloud reads the chat's answers.
  private static final Set<String> NOT_YET_SEPARATED = Set.of("memory->search", "memory->conversations",
      "projects->conversations", "voice->chat");

  @ArchTest
  static void featuresMeetThroughTheShellsContractsNotEachOther(JavaClasses classes) {
    for (String feature : FEATURES) {
      String[] others = FEATURES.stream()
          .filter(other -> !other.equals(feature) && !NOT_YET_SEPARATED.contains(feature + "->" + other))
          .map(other -> "dev.tars.desktop." + other + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("dev.tars.desktop." + feature + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }
  }

  @ArchTest
  static final ArchRule viewModelsDoNotNeedAScreen =
      noClasses().that().haveSimpleNameEndingWith("ViewModel")
          .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
              "javafx.application..", "atlantafx..");

  @ArchTest
  static final ArchRule backgroundResultsReachTheUiThreadInOnePlace =
      noClasses().that().doNotHaveFullyQualifiedName("dev.tars.desktop.fx.FxUiDispatcher")
          .should().callMethod(Platform.class, "runLater", Runnable.class);

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads =
      noClasses().should().callConstructor(Thread.class, Runnable.class)
          .orShould().callConstructor(Thread.class, Runnable.class, String.class)
          .orShould().callConstructor(Thread.class);
}
