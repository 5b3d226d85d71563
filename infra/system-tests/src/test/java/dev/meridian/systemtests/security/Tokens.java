package dev.meridian.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.auth.LocalIssuer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Valid and forged tokens for the local stack: every way a token must fail the HTTP API's
 * JWT authorizer. Forgeries start from the claims a valid token carries and change one thing.
 */
final class Tokens {

    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64URL_DECODE = Base64.getUrlDecoder();

    private final Emulator stack;
    private final LocalIssuer issuer;
    private final String kid;

    Tokens(Emulator stack) {
        this.stack = stack;
        this.issuer = stack.issuer();
        this.kid = header(stack.mintToken("probe", false)).get("kid").asText();
    }

    String valid(String user, boolean admin) {
        return stack.mintToken(user, admin);
    }

    /** The claims a valid token for {@code user} carries, issued now. */
    ObjectNode claims(String user, boolean admin) {
        long now = Instant.now().getEpochSecond();
        ObjectNode c = Json.object();
        c.put("sub", user);
        c.put("cognito:username", user);
        if (admin) {
            c.putArray("cognito:groups").add("admin");
        }
        c.put("iss", issuer.issuer());
        c.put("aud", issuer.audience());
        c.put("token_use", "id");
        c.put("iat", now);
        c.put("nbf", now);
        c.put("exp", now + 3600);
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    ObjectNode rs256Header() {
        ObjectNode h = Json.object();
        h.put("alg", "RS256");
        h.put("typ", "JWT");
        h.put("kid", kid);
        return h;
    }

    /** Signed by the real issuer key: every check but the one the claims break passes. */
    String signed(ObjectNode claims) {
        return issuer.sign(Json.write(rs256Header()), Json.write(claims));
    }

    /** Expired {@code 120 s} ago: well beyond the 30 s leeway. */
    String expired(String user, boolean admin) {
        ObjectNode c = claims(user, admin);
        long now = Instant.now().getEpochSecond();
        c.put("iat", now - 7200);
        c.put("nbf", now - 7200);
        c.put("exp", now - 120);
        return signed(c);
    }

    String notYetValid(String user) {
        ObjectNode c = claims(user, false);
        c.put("nbf", Instant.now().getEpochSecond() + 600);
        return signed(c);
    }

    String wrongAudience(String user, boolean admin) {
        ObjectNode c = claims(user, admin);
        c.put("aud", "some-other-client");
        return signed(c);
    }

    String wrongIssuer(String user) {
        ObjectNode c = claims(user, false);
        c.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_attacker");
        return signed(c);
    }

    /** {@code {"alg":"none"}} and an empty signature. */
    String algNone(String user, boolean admin) {
        ObjectNode h = Json.object();
        h.put("alg", "none");
        h.put("typ", "JWT");
        return b64(Json.write(h)) + "." + b64(Json.write(claims(user, admin))) + ".";
    }

    /** The classic confusion: HS256 with the issuer's public key (PEM, then raw DER) as the HMAC secret. */
    String hs256WithPublicKey(String user, boolean admin, boolean pem) {
        ObjectNode h = rs256Header();
        h.put("alg", "HS256");
        String input = b64(Json.write(h)) + "." + b64(Json.write(claims(user, admin)));
        byte[] der = publicKey().getEncoded();
        byte[] secret = pem
                ? ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII)
                : der;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by the real key, but naming a key id the JWKS does not have. */
    String unknownKid(String user, boolean admin) {
        ObjectNode h = rs256Header();
        h.put("kid", "rotated-away-" + UUID.randomUUID());
        return issuer.sign(Json.write(h), Json.write(claims(user, admin)));
    }

    /** Right kid, right claims, signed by another RSA key (an attacker's). */
    String badSignature(String user, boolean admin) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey attacker = generator.generateKeyPair().getPrivate();
            String input = b64(Json.write(rs256Header())) + "." + b64(Json.write(claims(user, admin)));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(attacker);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload is swapped after signing (sub → {@code newSub}, admin group added). */
    String tampered(String token, String newSub) {
        String[] parts = token.split("\\.");
        ObjectNode c = (ObjectNode) Json.parseTrusted(new String(B64URL_DECODE.decode(parts[1]), StandardCharsets.UTF_8));
        c.put("sub", newSub);
        c.putArray("cognito:groups").add("admin");
        return parts[0] + "." + b64(Json.write(c)) + "." + parts[2];
    }

    static JsonNode header(String token) {
        return Json.parseTrusted(new String(B64URL_DECODE.decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    private PublicKey publicKey() {
        JsonNode k = Json.parseTrusted(issuer.jwks()).get("keys").get(0);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, B64URL_DECODE.decode(k.get("n").asText())),
                    new BigInteger(1, B64URL_DECODE.decode(k.get("e").asText()))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
