package dev.tars.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.runtime.architecture.FrontEndRules;

/** Every command is a thin front end over {@code TarsRuntime}: it builds no service itself. */
@AnalyzeClasses(packages = "dev.tars.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {
  @ArchTest
  // The action commands (notes, agenda, reminders) arrived with their own database opening, as planned; their
  // owner moves them onto TarsRuntime next. Nothing else may join this list.
  static final ArchRule commandsBuildNoService =
      FrontEndRules.buildsNoServiceExcept("dev.tars.cli.actions.CliActions");

  @ArchTest
  static final ArchRule commandPackagesHaveNoCycles = slices().matching("dev.tars.cli.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule threadsComeFromNamedThreads = noClasses().should().callConstructor(Thread.class, Runnable.class)
      .orShould().callConstructor(Thread.class, Runnable.class, String.class).orShould().callConstructor(Thread.class);
}
