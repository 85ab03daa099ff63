package dev.tars.mcpclient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/** The MCP client is UI-free and keeps the rules every module keeps (see {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "dev.tars.mcpclient", importOptions = ImportOption.DoNotIncludeTests.class)
class McpClientArchitectureTest {
  @ArchTest
  static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.mcpclient");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();
}
