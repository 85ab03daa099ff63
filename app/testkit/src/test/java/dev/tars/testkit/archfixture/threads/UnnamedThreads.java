package dev.tars.testkit.archfixture.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Makes threads the ways the rules forbid, for {@code ArchitectureRulesTest}; never run. */
public class UnnamedThreads {
  Thread plain() {
    return new Thread(() -> {});
  }

  ExecutorService pool() {
    return Executors.newFixedThreadPool(2);
  }
}
