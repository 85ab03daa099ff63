package dev.tars.mcp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/** The MCP server module keeps the rules every module keeps (see {@link ArchitectureRules}) and has no UI. */
@AnalyzeClasses(packages = "dev.tars.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class McpArchitectureTest {
  @ArchTest
  static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.mcp");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();
}
