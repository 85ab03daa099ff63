package dev.tars.protocol.openai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol stands alone: the JDK and Jackson only, so the engine child, core and the API can all use it. */
class ProtocolLayeringTest {

  private static final JavaClasses PROTOCOL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tars.protocol");

  @Test
  void theProtocolUsesOnlyTheJdkAndJackson() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.tars.protocol..", "java..",
        "com.fasterxml.jackson..").check(PROTOCOL);
  }

  /** The rule every module keeps (the test kit's {@code ArchitectureRules.noPackageCycles}, which sits above). */
  @Test
  void theProtocolsPackagesHaveNoCycles() {
    slices().matching("dev.tars.protocol.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(PROTOCOL);
  }
}
