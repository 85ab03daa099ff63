package dev.tars.desktop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.runtime.architecture.FrontEndRules;
import java.util.Set;
import java.util.TreeSet;
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

  /** Not features: the shell itself, its toolkit and the contracts features meet through. */
  private static final Set<String> SHELL_PACKAGES = Set.of("shell", "fx", "feature");

  /**
   * Every package under {@code dev.tars.desktop} is a feature (chat, memory, voice, agenda...) unless it is the
   * shell's; none imports another. They meet through the contracts in {@code feature/} that the shell wires:
   * {@code ChatHooks}, {@code ConversationListHooks}, {@code Navigation}.
   */
  @ArchTest
  static void featuresMeetThroughTheShellsContractsNotEachOther(JavaClasses classes) {
    Set<String> features = new TreeSet<>();
    for (JavaClass type : classes) {
      String name = type.getPackageName();
      if (name.startsWith("dev.tars.desktop.")) {
        String first = name.substring("dev.tars.desktop.".length()).split("\\.")[0];
        if (!SHELL_PACKAGES.contains(first)) {
          features.add(first);
        }
      }
    }
    assertThat(features).contains("chat", "conversations", "memory", "search", "projects", "voice", "notes",
        "agenda");
    for (String feature : features) {
      String[] others = features.stream().filter(other -> !other.equals(feature))
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
