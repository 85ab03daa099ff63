package dev.tars.testkit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The test kit sits below core, so it cannot use NamedThreads: its two helpers that run threads name them with
 * the JDK's builder ({@code Thread.ofPlatform().name(...)}); nothing else makes threads.
 */
@AnalyzeClasses(packages = "dev.tars.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.testkit");

  @ArchTest
  static final ArchRule threadsOnlyFromTheNamedHelpers = ArchitectureRules.threadsOnlyFrom(
      "dev.tars.testkit.LoopbackFileServer", "dev.tars.testkit.EngineChild");
}
