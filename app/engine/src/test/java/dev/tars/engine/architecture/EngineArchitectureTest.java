package dev.tars.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/**
 * The engine client keeps the rules every module keeps (see {@link ArchitectureRules}), and sits at the bottom:
 * it talks to llama.cpp only through the engine child process (docs/stack.md: defects 1-3) and knows nothing of
 * the services built on it.
 */
@AnalyzeClasses(packages = {"dev.tars.engine", "dev.tars.concurrent"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.engine");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();

  @ArchTest
  static final ArchRule neverLoadsLlamaCppInProcess = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("de.kherud..", "dev.tars.llama..")
      .as("the engine client reaches llama.cpp only through the engine child process");

  @ArchTest
  static final ArchRule dependsOnNothingAboveIt = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.tars.models..", "dev.tars.chat..", "dev.tars.config..", "dev.tars.runtime..",
          "javafx..")
      .as("the engine client depends only on the protocol: the model store, core and the runtime sit above it");
}
