package dev.tars.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The local API is a front end: it uses core and the protocol, never a feature module or another front end. */
class ApiLayeringTest {
  private static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tars.api");

  @Test
  void theApiDependsOnNoFeatureModuleNorFrontEnd() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.tars.knowledge..", "dev.tars.voice..",
        "dev.tars.desktop..", "dev.tars.cli..", "dev.tars.llama..").check(API);
  }

  @Test
  void theOpenAiWireFormatIsWrittenOnlyByTheProtocolModule() {
    noClasses().that().doNotHaveSimpleName("AuditLog").should().dependOnClassesThat()
        .haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectMapper")
        .because("requests, responses, chunks and errors are read and written by dev.tars.protocol.openai")
        .check(API);
  }
}
