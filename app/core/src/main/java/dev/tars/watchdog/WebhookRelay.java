package dev.tars.watchdog;

import dev.tars.concurrent.NamedThreads;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes problems to the {@link Webhook} at the address currently set in Settings, or to none. Changing the
 * address takes effect for the next problem; deliveries already under way finish against the old one.
 */
public final class WebhookRelay implements ProblemListener {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRelay.class);

  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final AtomicReference<Webhook> current = new AtomicReference<>();
  private ExecutorService http;

  WebhookRelay(ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Sends to {@code url} from now on; blank stops sending.
   *
   * @throws IllegalArgumentException with a message for a person when the address is not http(s)
   */
  public synchronized void use(String url) {
    if (url == null || url.isBlank()) {
      if (current.getAndSet(null) != null) {
        LOG.info("Webhook alerts off");
      }
      return;
    }
    if (http == null) {
      // One named daemon thread for the HTTP client, made only once someone wants alerts.
      http = Executors.newFixedThreadPool(1, NamedThreads.named("webhook-http"));
    }
    current.set(new Webhook(URI.create(url.strip()), scheduler, http, Webhook.Settings.DEFAULT, clock));
    LOG.info("Webhook alerts go to {}", URI.create(url.strip()).getHost());
  }

  /** The webhook in use, if any. */
  public Optional<Webhook> webhook() {
    return Optional.ofNullable(current.get());
  }

  @Override
  public void onProblem(Problem problem) {
    Webhook webhook = current.get();
    if (webhook != null) {
      webhook.onProblem(problem);
    }
  }
}
