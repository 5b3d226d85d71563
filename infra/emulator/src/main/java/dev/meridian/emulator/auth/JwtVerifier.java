package dev.meridian.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a JWT as the HTTP API JWT authorizer does: RS256 only, signature checked with
 * the JDK against the issuer's JWKS by {@code kid}, then {@code iss}, {@code aud} (or
 * {@code client_id}), {@code exp} and {@code nbf}, with {@link #LEEWAY_SECONDS} of clock skew.
 */
public final class JwtVerifier {

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final long LEEWAY_SECONDS = 30;

    private final String issuer;
    private final Set<String> audiences;
    private final Map<String, PublicKey> keys;
    private final Clock clock;

    public JwtVerifier(String issuer, Set<String> audiences, String jwksJson, Clock clock) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.keys = parseJwks(jwksJson);
        this.clock = clock;
    }

    /** The verified claims; throws {@link InvalidTokenException} saying why otherwise. */
    public JsonNode verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWS compact serialization");
        }
        JsonNode header = json(parts[0], "header");
        String alg = header.path("alg").asText("");
        if (!alg.equals("RS256")) {
            // the header is the caller's text: name a short plain alg, never echo anything else into the log
            throw new InvalidTokenException((alg.matches("[A-Za-z0-9]{1,10}") ? "alg " + alg : "alg") + " is not accepted (RS256 only)");
        }
        PublicKey key = keys.get(header.path("kid").asText(""));
        if (key == null) {
            throw new InvalidTokenException("unknown kid");
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new InvalidTokenException("bad signature");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidTokenException("bad signature");
        }
        JsonNode claims = json(parts[1], "payload");
        if (!issuer.equals(claims.path("iss").asText(null))) {
            throw new InvalidTokenException("wrong issuer");
        }
        if (!audienceMatches(claims)) {
            throw new InvalidTokenException("wrong audience");
        }
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber() || exp.asLong() + LEEWAY_SECONDS < now) {
            throw new InvalidTokenException("expired or no exp");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nbf.asLong() - LEEWAY_SECONDS > now)) {
            throw new InvalidTokenException("not valid yet");
        }
        return claims;
    }

    private boolean audienceMatches(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        if (aud != null && aud.isArray()) {
            for (JsonNode a : aud) {
                if (audiences.contains(a.asText())) {
                    return true;
                }
            }
        } else if (aud != null && audiences.contains(aud.asText())) {
            return true;
        }
        JsonNode clientId = claims.get("client_id");
        return clientId != null && audiences.contains(clientId.asText());
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
            if (!node.isObject()) {
                throw new InvalidTokenException(what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidTokenException(what + " is not base64url JSON");
        }
    }

    private static Map<String, PublicKey> parseJwks(String jwksJson) {
        Map<String, PublicKey> out = new HashMap<>();
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            for (JsonNode k : Json.parseTrusted(jwksJson).path("keys")) {
                if (!"RSA".equals(k.path("kty").asText())) {
                    continue;
                }
                BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
                BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
                out.put(k.path("kid").asText(), factory.generatePublic(new RSAPublicKeySpec(n, e)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable JWKS", e);
        }
        return out;
    }

    /** A token that must not pass; the message says why (never the token itself). */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String reason) {
            super(reason);
        }
    }
}
