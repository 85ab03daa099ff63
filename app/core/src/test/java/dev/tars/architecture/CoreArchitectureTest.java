package dev.tars.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is UI-free and never loads llama.cpp into its own process (see STACK.md: defects 1-3). */
@AnalyzeClasses(packages = "dev.tars", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
  @ArchTest
  static final ArchRule coreDoesNotUseJavaFx =
      noClasses().should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule coreDoesNotLoadLlamaCppInProcess =
      noClasses().should().dependOnClassesThat().resideInAPackage("de.kherud..");

  @ArchTest
  static final ArchRule threadsAreMadeOnlyByNamedThreads =
      noClasses().that().doNotHaveFullyQualifiedName("dev.tars.concurrent.NamedThreads")
          .should().callConstructor(Thread.class, Runnable.class)
          .orShould().callConstructor(Thread.class, Runnable.class, String.class);
}
