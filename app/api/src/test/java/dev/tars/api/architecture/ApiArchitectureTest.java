package dev.tars.api.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/** The rules every module keeps (see {@link ArchitectureRules}), checked on this module's own classes. */
@AnalyzeClasses(packages = "dev.tars.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.api");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);
}
