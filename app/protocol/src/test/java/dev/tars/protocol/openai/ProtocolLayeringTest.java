package dev.tars.protocol.openai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol stands alone: the JDK and Jackson only, so the engine child, core and the API can all use it. */
class ProtocolLayeringTest {

  @Test
  void theProtocolUsesOnlyTheJdkAndJackson() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.tars.protocol..", "java..",
        "com.fasterxml.jackson..").check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tars.protocol"));
  }
}
