package dev.tars.cli.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.runtime.architecture.FrontEndRules;
import dev.tars.testkit.ArchitectureRules;

/**
 * Every command is a thin front end over {@code TarsRuntime}: it builds no service itself. Plus the rules every
 * module keeps (see {@link ArchitectureRules}), checked on this module's own classes.
 */
@AnalyzeClasses(packages = "dev.tars.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {
  @ArchTest
  static final ArchRule commandsBuildNoService = FrontEndRules.buildsNoService();

  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.cli");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);
}
