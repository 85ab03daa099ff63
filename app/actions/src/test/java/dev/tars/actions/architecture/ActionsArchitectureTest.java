package dev.tars.actions.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The actions module is UI-free, has no package cycles, and its parts (notes, agenda, reminders, activity,
 * router) do not reach up to the action service that uses them.
 */
@AnalyzeClasses(packages = "dev.tars.actions", importOptions = ImportOption.DoNotIncludeTests.class)
class ActionsArchitectureTest {
  @ArchTest
  static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.tars.actions.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule partsDoNotUseTheService = noClasses().that().resideInAnyPackage(
      "dev.tars.actions.notes..", "dev.tars.actions.agenda..", "dev.tars.actions.reminders..",
      "dev.tars.actions.activity..", "dev.tars.actions.i18n..")
      .should().dependOnClassesThat().resideInAPackage("dev.tars.actions");

  @ArchTest
  static final ArchRule threadsOnlyFromNamedThreads = noClasses().should().callConstructor(Thread.class, Runnable.class)
      .orShould().callConstructor(Thread.class, Runnable.class, String.class);
}
