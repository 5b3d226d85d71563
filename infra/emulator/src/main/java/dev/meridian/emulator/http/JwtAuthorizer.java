package dev.meridian.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.meridian.emulator.auth.JwtVerifier;
import dev.meridian.emulator.template.Specs;

import java.util.List;

/**
 * A route's JWT authorizer: the token from the authorizer's identity source, verified against
 * the local issuer, and the route's scopes. The outcome is the claims, or why it failed.
 */
final class JwtAuthorizer {

    /** {@code claims} when allowed; else {@code status} 401 or 403 and the reason (logged, never sent). */
    record Decision(JsonNode claims, int status, String reason) {
        static Decision allow(JsonNode claims) {
            return new Decision(claims, 200, null);
        }

        boolean allowed() {
            return claims != null;
        }
    }

    private final JwtVerifier verifier;

    JwtAuthorizer(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    Decision authorize(Specs.JwtAuthorizer authorizer, Specs.Route route, Headers requestHeaders) {
        String headerName = authorizer.identitySource().substring("$request.header.".length());
        String value = requestHeaders.getFirst(headerName);
        if (value == null || value.isBlank()) {
            return new Decision(null, 401, "no token");
        }
        String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
        JsonNode claims;
        try {
            claims = verifier.verify(token);
        } catch (JwtVerifier.InvalidTokenException e) {
            return new Decision(null, 401, e.getMessage());
        }
        if (!route.scopes().isEmpty() && !hasScope(claims, route.scopes())) {
            return new Decision(null, 403, "token lacks the route's scopes");
        }
        return Decision.allow(claims);
    }

    private static boolean hasScope(JsonNode claims, List<String> scopes) {
        String granted = claims.path("scope").asText(claims.path("scp").asText(""));
        for (String s : granted.split(" ")) {
            if (scopes.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
