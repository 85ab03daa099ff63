package dev.tars.testkit.archfixture.ring.b;

import dev.tars.testkit.archfixture.ring.a.First;

/** The other half of a package cycle, for {@code ArchitectureRulesTest}. */
public class Second {
  First back;
}
