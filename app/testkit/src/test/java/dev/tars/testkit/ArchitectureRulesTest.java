package dev.tars.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The shared rules find what they are meant to find (a rule that never fails would pass every module). */
class ArchitectureRulesTest {
  private static final String FIXTURES = "dev.tars.testkit.archfixture";

  @Test
  void aPackageCycleIsReported() {
    JavaClasses ring = new ClassFileImporter().importPackages(FIXTURES + ".ring");
    EvaluationResult result = ArchitectureRules.noPackageCycles(FIXTURES).evaluate(ring);
    assertTrue(result.hasViolation());
    assertTrue(result.getFailureReport().toString().contains("ring.a"), result.getFailureReport().toString());
  }

  @Test
  void unnamedThreadsAndPoolsAreReportedAndAGivenFactoryIsNot() {
    JavaClasses threads = new ClassFileImporter().importPackages(FIXTURES + ".threads");
    String report = ArchitectureRules.threadsOnlyFrom(ArchitectureRules.NAMED_THREADS).evaluate(threads)
        .getFailureReport().toString();
    assertTrue(report.contains("UnnamedThreads.plain()"), report);
    assertTrue(report.contains("UnnamedThreads.pool()"), report);
    assertFalse(report.contains("NamedPool"), report);
  }

  @Test
  void theFactoryItselfMayMakeThreads() {
    JavaClasses threads = new ClassFileImporter().importPackages(FIXTURES + ".threads");
    EvaluationResult result = ArchitectureRules.threadsOnlyFrom(FIXTURES + ".threads.UnnamedThreads")
        .evaluate(threads);
    assertFalse(result.hasViolation(), result.getFailureReport().toString());
  }
}
