package dev.tars.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core is UI-free, never loads llama.cpp into its own process (see docs/stack.md: defects 1-3), makes
 * threads only through NamedThreads, and its feature packages depend on each other without cycles. The engine child and the test kit are on the test classpath but are
 * other modules with their own rules, so they are left out.
 */
@AnalyzeClasses(packages = "dev.tars", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
  private static final String[] OTHER_MODULES = {"dev.tars.llama..", "dev.tars.testkit.."};

  @ArchTest
  static final ArchRule coreDoesNotUseJavaFx = noClasses().that().resideOutsideOfPackages(OTHER_MODULES)
      .should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule coreDoesNotLoadLlamaCppInProcess = noClasses().that().resideOutsideOfPackages(OTHER_MODULES)
      .should().dependOnClassesThat().resideInAPackage("de.kherud..");

  @ArchTest
  static final ArchRule threadsAreMadeOnlyByNamedThreads = noClasses().that().resideOutsideOfPackages(OTHER_MODULES)
      .and().doNotHaveFullyQualifiedName("dev.tars.concurrent.NamedThreads")
      .should().callConstructor(Thread.class, Runnable.class)
      .orShould().callConstructor(Thread.class, Runnable.class, String.class);

  @ArchTest
  static final ArchRule featurePackagesHaveNoCycles = slices().matching("dev.tars.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule coreNeverReachesTheRuntimeOrAFrontEnd = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("dev.tars.runtime..", "dev.tars.desktop..", "dev.tars.cli..");
}
