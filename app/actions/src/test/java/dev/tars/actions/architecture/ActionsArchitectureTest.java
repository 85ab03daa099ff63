package dev.tars.actions.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.testkit.ArchitectureRules;

/**
 * The actions module is UI-free, keeps the rules every module keeps (see {@link ArchitectureRules}), and its parts
 * (notes, agenda, reminders, activity, router) do not reach up to the action service that uses them.
 */
@AnalyzeClasses(packages = "dev.tars.actions", importOptions = ImportOption.DoNotIncludeTests.class)
class ActionsArchitectureTest {
  @ArchTest
  static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.tars.actions");

  @ArchTest
  static final ArchRule partsDoNotUseTheService = noClasses().that().resideInAnyPackage(
      "dev.tars.actions.notes..", "dev.tars.actions.agenda..", "dev.tars.actions.reminders..",
      "dev.tars.actions.activity..", "dev.tars.actions.i18n..")
      .should().dependOnClassesThat().resideInAPackage("dev.tars.actions");

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS);

  @ArchTest
  static final ArchRule noFrontEndDependencies = ArchitectureRules.noFrontEndDependencies();
}
