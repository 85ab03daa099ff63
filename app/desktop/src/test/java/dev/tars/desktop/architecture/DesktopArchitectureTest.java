package dev.tars.desktop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import javafx.application.Platform;

/**
 * The UI reaches storage and engines only through services wired in the composition root, view models stay
 * testable without a screen, and background results reach the UI thread in one place.
 */
@AnalyzeClasses(packages = "dev.tars.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class DesktopArchitectureTest {
  private static final String COMPOSITION_ROOT = "dev.tars.desktop.TarsApp";

  @ArchTest
  static final ArchRule onlyTheCompositionRootTouchesStorage =
      noClasses().that().doNotHaveFullyQualifiedName(COMPOSITION_ROOT)
          .should().dependOnClassesThat().resideInAPackage("dev.tars.storage..");

  @ArchTest
  static final ArchRule onlyTheCompositionRootTouchesLlamaCpp =
      noClasses().that().doNotHaveFullyQualifiedName(COMPOSITION_ROOT)
          .should().dependOnClassesThat().resideInAPackage("de.kherud..");

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
