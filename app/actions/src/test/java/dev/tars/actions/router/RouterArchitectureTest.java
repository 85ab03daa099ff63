package dev.tars.actions.router;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The router understands and writes nothing: no UI, no storage, no other actions package (the action service
 * sits above it), no threads of its own; and the actions module's packages form no cycle.
 */
@AnalyzeClasses(packages = "dev.tars.actions", importOptions = ImportOption.DoNotIncludeTests.class)
class RouterArchitectureTest {
  @ArchTest
  static final ArchRule routerIsALeafWithoutUiOrStorage = noClasses().that()
      .resideInAPackage("dev.tars.actions.router..")
      .should().dependOnClassesThat(resideInAnyPackage("javafx..", "dev.tars.storage..", "java.sql..")
          .or(resideInAPackage("dev.tars.actions..").and(not(resideInAPackage("dev.tars.actions.router..")))));

  @ArchTest
  static final ArchRule routerMakesNoThreads = noClasses().that().resideInAPackage("dev.tars.actions.router..")
      .should().callConstructor(Thread.class, Runnable.class)
      .orShould().callConstructor(Thread.class, Runnable.class, String.class)
      .orShould().callMethod(java.util.concurrent.Executors.class, "newCachedThreadPool");

  @ArchTest
  static final ArchRule actionsPackagesHaveNoCycles = slices().matching("dev.tars.actions.(*)..").should()
      .beFreeOfCycles();
}
