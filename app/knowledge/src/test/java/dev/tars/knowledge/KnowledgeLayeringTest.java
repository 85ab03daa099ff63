package dev.tars.knowledge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A feature never depends on a front end: the local API searches documents through core's KnowledgeSource. */
class KnowledgeLayeringTest {

  @Test
  void knowledgeDependsOnNoFrontEnd() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.tars.api..", "dev.tars.desktop..",
        "dev.tars.cli..").check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tars.knowledge"));
  }
}
