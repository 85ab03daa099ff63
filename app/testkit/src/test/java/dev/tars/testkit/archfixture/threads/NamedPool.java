package dev.tars.testkit.archfixture.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Makes threads through a given factory, which the rules allow; for {@code ArchitectureRulesTest}. */
public class NamedPool {
  ExecutorService pool(ThreadFactory named) {
    return Executors.newFixedThreadPool(2, named);
  }
}
