package dev.meridian.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a JWT as the HTTP API JWT authorizer does: RS256 only, the signature checked with
 * nimbus-jose-jwt against the issuer's JWKS by {@code kid}, then {@code iss}, {@code aud} (or
 * {@code client_id}), {@code exp} and {@code nbf}, with {@link #LEEWAY_SECONDS} of clock skew.
 */
public final class JwtVerifier {

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final long LEEWAY_SECONDS = 30;

    private final String issuer;
    private final Set<String> audiences;
    private final Map<String, RSASSAVerifier> keys;
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
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException("header is not base64url JSON");
        }
        String alg = header.getAlgorithm() == null ? "" : header.getAlgorithm().getName();
        if (!JWSAlgorithm.RS256.getName().equals(alg)) {
            // the header is the caller's text: name a short plain alg, never echo anything else into the log
            throw new InvalidTokenException((alg.matches("[A-Za-z0-9]{1,10}") ? "alg " + alg : "alg") + " is not accepted (RS256 only)");
        }
        RSASSAVerifier key = keys.get(header instanceof JWSHeader jwsHeader && jwsHeader.getKeyID() != null ? jwsHeader.getKeyID() : "");
        if (key == null) {
            throw new InvalidTokenException("unknown kid");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
            if (!jws.verify(key)) {
                throw new InvalidTokenException("bad signature");
            }
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new InvalidTokenException("bad signature");
        }
        JsonNode claims = claims(jws);
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

    /** The payload as the claims the function sees, in the token's own JSON (numbers stay numbers). */
    private static JsonNode claims(JWSObject jws) {
        try {
            JsonNode node = Json.parse(jws.getPayload().toString());
            if (!node.isObject()) {
                throw new InvalidTokenException("payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidTokenException("payload is not base64url JSON");
        }
    }

    private static Map<String, RSASSAVerifier> parseJwks(String jwksJson) {
        Map<String, RSASSAVerifier> out = new HashMap<>();
        try {
            for (JWK k : JWKSet.parse(jwksJson).getKeys()) {
                if (k instanceof RSAKey rsa) {
                    out.put(rsa.getKeyID(), new RSASSAVerifier(rsa));
                }
            }
        } catch (ParseException | JOSEException e) {
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
