package dev.tars.voice.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/** The rules every module keeps (see {@link ArchitectureRules}), checked on this module's own classes. */
@AnalyzeClasses(packages = "dev.tars.voice", importOptions = ImportOption.DoNotIncludeTests.class)
class VoiceArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.voice");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();
}
