package dev.tars.llama.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/** The rules every module keeps (see {@link ArchitectureRules}), checked on this module's own classes. */
@AnalyzeClasses(packages = "dev.tars.llama", importOptions = ImportOption.DoNotIncludeTests.class)
class LlamaEngineArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.llama");

  /** The engine child does not depend on core: its one thread factory names every thread. */
  @ArchTest
  static final ArchRule threadsComeFromTheServersFactory = ArchitectureRules.threadsOnlyFrom("dev.tars.llama.EngineServer");

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();
}
