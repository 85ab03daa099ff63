package dev.tars.desktop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.runtime.architecture.FrontEndRules;
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
