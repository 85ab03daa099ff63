package dev.tars.models.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/**
 * The model store keeps the rules every module keeps (see {@link ArchitectureRules}); it reads GGUF files
 * through the engine module and knows nothing of core's services, the runtime or a user interface.
 */
@AnalyzeClasses(packages = "dev.tars.models", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelsArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.models");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();

  @ArchTest
  static final ArchRule dependsOnlyOnTheEngineBelowIt = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.tars.chat..", "dev.tars.config..", "dev.tars.storage..", "dev.tars.runtime..",
          "javafx..", "de.kherud..")
      .as("the model store depends on the engine module only: core, the runtime and the UI sit above it");
}
