package dev.tars.testkit.archfixture.ring.a;

import dev.tars.testkit.archfixture.ring.b.Second;

/** Half of a package cycle, for {@code ArchitectureRulesTest}. */
public class First {
  Second next;
}
