package dev.tars.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The rules every module's architecture test applies, written once. A module's test imports its own packages
 * ({@code @AnalyzeClasses(packages = "dev.tars.<module>")}) and checks them with these.
 */
public final class ArchitectureRules {
  /** The core's thread factory: every thread in a Tars module is named, a daemon, and logs what kills it. */
  public static final String NAMED_THREADS = "dev.tars.concurrent.NamedThreads";

  /** Packages of the front ends: features and services never depend on them. */
  public static final String[] FRONT_ENDS = {"dev.tars.desktop..", "dev.tars.cli..", "dev.tars.api.."};

  private ArchitectureRules() {}

  /** No two packages under {@code root} (the root included) depend on each other, directly or in a ring. */
  public static ArchRule noPackageCycles(String root) {
    return slices().matching(root + ".(**)").namingSlices("$1").should().beFreeOfCycles()
        .as("packages under " + root + " are free of cycles").allowEmptyShould(true);
  }

  /**
   * Threads are made only by {@code allowedFactories} (usually {@link #NAMED_THREADS}): no {@code new Thread},
   * no {@code Thread.ofPlatform()/ofVirtual()} builders, no {@code Executors.new*} pool without a thread factory.
   */
  public static ArchRule threadsOnlyFrom(String... allowedFactories) {
    Set<String> allowed = Set.of(allowedFactories);
    return noClasses().that(DescribedPredicate.describe("are not " + allowed,
            (JavaClass c) -> !allowed.contains(c.getName()) && !allowed.contains(outermost(c).getName())))
        .should().callConstructorWhere(ownerIs(Thread.class))
        .orShould().callMethodWhere(threadBuilder())
        .orShould().callMethodWhere(unnamedExecutor())
        .as("threads come only from " + allowed);
  }

  /** Nothing in the checked classes depends on a front end (the window, the command line, the local API). */
  public static ArchRule noFrontEndDependencies() {
    return noClasses().should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
        .as("features and services never depend on a front end");
  }


  private static JavaClass outermost(JavaClass c) {
    JavaClass outer = c;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  private static DescribedPredicate<JavaCall<?>> ownerIs(Class<?> owner) {
    return DescribedPredicate.describe("a constructor of " + owner.getSimpleName(),
        call -> call.getTargetOwner().isEquivalentTo(owner));
  }

  private static DescribedPredicate<JavaCall<?>> threadBuilder() {
    return DescribedPredicate.describe("Thread.ofPlatform() or Thread.ofVirtual()",
        call -> call.getTargetOwner().isEquivalentTo(Thread.class)
            && (call.getName().equals("ofPlatform") || call.getName().equals("ofVirtual")
                || call.getName().equals("startVirtualThread")));
  }

  private static DescribedPredicate<JavaCall<?>> unnamedExecutor() {
    return DescribedPredicate.describe("an Executors pool without a thread factory",
        call -> call.getTargetOwner().isEquivalentTo(Executors.class) && call.getName().startsWith("new")
            && call.getTarget().getRawParameterTypes().stream().noneMatch(t -> t.isEquivalentTo(ThreadFactory.class)));
  }
}
