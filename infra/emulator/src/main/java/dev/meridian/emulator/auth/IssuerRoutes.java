package dev.meridian.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.http.HttpGateway;
import dev.meridian.emulator.http.LocalResponse;
import dev.meridian.emulator.http.LocalRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The issuer's {@code /_local} routes: its JWKS and OpenID configuration, token minting
 * ({@code POST /_local/token}, loopback callers only) and the health check that names it.
 */
public final class IssuerRoutes {

    private static final Logger LOG = LoggerFactory.getLogger("gateway");

    private IssuerRoutes() {
    }

    public static void register(LocalRoutes routes, LocalIssuer issuer) {
        routes.addView("GET " + HttpGateway.ISSUER_PATH + "/.well-known/jwks.json", issuer::jwks);
        routes.addView("GET " + HttpGateway.ISSUER_PATH + "/.well-known/openid-configuration", issuer::openIdConfiguration);
        routes.addView("GET /_local/health", () -> {
            ObjectNode health = Json.object();
            health.put("status", "ok");
            health.put("issuer", issuer.issuer());
            return Json.write(health);
        });
        routes.add("POST /_local/token", request -> {
            if (!request.remote().isLoopbackAddress()) {
                return LocalResponse.message(403, "Forbidden");
            }
            JsonNode body;
            try {
                body = request.body().length == 0 ? Json.object() : Json.parse(new String(request.body(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return LocalResponse.message(400, "body must be JSON {\"user\":...,\"admin\":bool,\"ttl\":seconds}");
            }
            try {
                String token = issuer.mint(body.path("user").asText(""), body.path("admin").asBoolean(false),
                        body.path("ttl").asLong(3600));
                ObjectNode response = Json.object();
                response.put("token", token);
                LOG.info("minted a token for user {}{}", body.path("user").asText(), body.path("admin").asBoolean(false) ? " (admin)" : "");
                return LocalResponse.json(200, Json.write(response));
            } catch (IllegalArgumentException e) {
                return LocalResponse.message(400, e.getMessage());
            }
        });
    }
}
