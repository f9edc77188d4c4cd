package dev.atrium.platform.feature;

import dev.atrium.platform.config.ConfigTree;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.PasswordHasher;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The platform's machinery every feature may be built with; what a feature needs from other
 * features comes as further arguments of its {@code create}, as the ports it declares.
 *
 * @param config the operator's settings, from which each feature reads its own
 * @param metrics null when there is no registry (admin commands, which run without HTTP)
 * @param publicBaseUrl where people reach the server, for links; null to use each request's origin
 * @param dataDir the node's data directory (SQLite's file, blobs), also when the rows are in
 *     PostgreSQL
 */
public record FeatureContext(
    ConfigTree config,
    Database database,
    Clock clock,
    MeterRegistry metrics,
    RateLimits rateLimits,
    PasswordHasher passwords,
    URI publicBaseUrl,
    Path dataDir) {}
