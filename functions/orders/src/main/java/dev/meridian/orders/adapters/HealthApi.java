package dev.meridian.orders.adapters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.http.HttpApiRequest;
import dev.meridian.common.http.HttpApiResponse;
import dev.meridian.common.json.Json;
import dev.meridian.orders.app.StorageProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * {@code GET /health} (no authorizer): {@code 200 {"status":"ok","region"}} when this region's
 * DynamoDB answers, {@code 503 {"status":"unavailable","region","reason"}} when it does not.
 * Route 53 health checks (and the local front door) route traffic by it.
 */
public final class HealthApi {

    private static final Logger LOG = LoggerFactory.getLogger(HealthApi.class);

    private final StorageProbe probe;
    private final String region;

    public HealthApi(StorageProbe probe, String region) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.region = Objects.requireNonNull(region, "region");
    }

    public HttpApiResponse health(HttpApiRequest request) {
        ObjectNode body = Json.object();
        try {
            probe.check();
        } catch (StorageProbe.StorageUnavailableException e) {
            LOG.warn("health check failed in {}: {}", region, e.getMessage());
            body.put("status", "unavailable").put("region", region).put("reason", "dynamodb");
            return HttpApiResponse.json(503, body).withHeader("cache-control", "no-store");
        }
        body.put("status", "ok").put("region", region);
        return HttpApiResponse.json(200, body).withHeader("cache-control", "no-store");
    }
}
