package dev.tars.runtime.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.engine.local.LocalEngine;
import dev.tars.storage.Database;
import dev.tars.testkit.ArchitectureRules;
import java.nio.file.Path;

/**
 * The runtime is the only composition root: no module below it (core, knowledge, api, the engine child) opens
 * the database or starts a local engine, and the runtime never depends on a front end.
 */
@AnalyzeClasses(packages = "dev.tars", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {
  // Benchmarks (app/benchmarks) open scratch databases and the test kit starts engines for tests.
  private static final String[] NOT_PRODUCT_CODE = {"dev.tars.bench..", "dev.tars.testkit.."};

  @ArchTest
  static final ArchRule onlyTheRuntimeOpensTheDatabase = noClasses()
      .that().resideOutsideOfPackages("dev.tars.runtime..").and().resideOutsideOfPackages(NOT_PRODUCT_CODE)
      .should().callMethod(Database.class, "open", Path.class);

  @ArchTest
  static final ArchRule onlyTheRuntimeStartsALocalEngine = noClasses()
      .that().resideOutsideOfPackages("dev.tars.runtime..", "dev.tars.engine..")
      .and().resideOutsideOfPackages(NOT_PRODUCT_CODE)
      .should().callConstructorWhere(target(owner(assignableTo(LocalEngine.class))));

  @ArchTest
  static final ArchRule theRuntimesPackagesHaveNoCycles = ArchitectureRules.noPackageCycles("dev.tars.runtime");

  @ArchTest
  static final ArchRule theRuntimeNeverDependsOnAFrontEnd = noClasses().that().resideInAPackage("dev.tars.runtime..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.tars.desktop..", "dev.tars.cli..", "javafx..",
          "picocli..");
}
