package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.feature.BackgroundJob;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * Builds mini-program webhooks: the outbox other features write events into, the dispatcher that
 * sends them, each app's signing secret, and the delivery log. It has no routes of its own yet: the
 * provider routes need the registry's provider authentication, and will call {@link #log()}.
 * Closing it stops the dispatcher.
 */
public final class MiniAppWebhooksModule implements Feature {
  private final WebhookOutbox outbox;
  private final WebhookSecrets secrets;
  private final WebhookDeliveryLog log;
  private final WebhookDispatcher dispatcher;
  private volatile WebhookEndpoints endpoints = WebhookEndpoints.none();

  private MiniAppWebhooksModule(FeatureContext context) {
    WebhookSettings settings = WebhookSettings.read(context.config());
    MeterRegistry metrics =
        context.metrics() != null ? context.metrics() : new SimpleMeterRegistry();
    WebhookStore store = new WebhookStore();
    this.secrets = new WebhookSecrets(context.database(), context.clock(), settings, store);
    this.dispatcher =
        new WebhookDispatcher(
            settings,
            context.database(),
            context.clock(),
            store,
            secrets,
            () -> endpoints,
            new WebhookDispatcher.Meters(
                Counter.builder("atrium.miniapps.webhooks.delivered").register(metrics),
                Counter.builder("atrium.miniapps.webhooks.attempts.failed").register(metrics),
                Counter.builder("atrium.miniapps.webhooks.gave_up")
                    .description("Events marked failed after the retry window")
                    .register(metrics),
                Timer.builder("atrium.miniapps.webhooks.latency")
                    .description("From an event's creation to the provider's 2xx")
                    .publishPercentiles(0.5, 0.99)
                    .register(metrics)));
    Counter dropped =
        Counter.builder("atrium.miniapps.webhooks.dropped")
            .description("Pending events marked failed to make room (pendingPerAppMax)")
            .register(metrics);
    this.outbox = new WebhookOutbox(context.clock(), settings, store, dispatcher::wake, dropped);
    this.log =
        new WebhookDeliveryLog(
            context.database(), context.clock(), settings, store, dispatcher::wake);
  }

  public static MiniAppWebhooksModule create(FeatureContext context) {
    return new MiniAppWebhooksModule(context);
  }

  /**
   * Tells the dispatcher where each app's webhooks go. Until this is called no app has an endpoint,
   * and events wait (retried with back-off) rather than being lost; the composition root answers it
   * with the registry once both are on one branch.
   */
  public void endpointsFrom(WebhookEndpoints source) {
    this.endpoints = Objects.requireNonNull(source);
  }

  /** Where features record events, in their own transactions. */
  public WebhookOutbox outbox() {
    return outbox;
  }

  /** Each app's signing secret: rotation for the registry. */
  public WebhookSecrets secrets() {
    return secrets;
  }

  /** The provider's delivery log and replay. */
  public WebhookDeliveryLog log() {
    return log;
  }

  @Override
  public RouteModule routes() {
    return api -> {};
  }

  @Override
  public List<BackgroundJob> backgroundJobs() {
    return List.of(dispatcher::start);
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
