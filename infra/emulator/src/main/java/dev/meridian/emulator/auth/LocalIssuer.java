package dev.meridian.emulator.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The local stand-in for the Cognito user pool: an RSA key (new per start, or kept under
 * {@code --data-dir}), its JWKS, and RS256 ID tokens for any user name.
 */
public final class LocalIssuer {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String audience;
    private final String kid;
    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final Clock clock;

    private LocalIssuer(String issuer, String audience, String kid, PrivateKey privateKey, RSAPublicKey publicKey, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.kid = kid;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    /** A fresh 2048-bit key pair, or the one persisted in {@code keyFile} (written if absent). */
    public static KeyMaterial keyMaterial(Path keyFile) {
        try {
            if (keyFile != null && Files.exists(keyFile)) {
                List<String> lines = Files.readAllLines(keyFile, StandardCharsets.US_ASCII);
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(1))));
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
                RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                return new KeyMaterial(lines.get(0).trim(), key, pub);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = "local-" + UUID.randomUUID().toString().substring(0, 8);
            if (keyFile != null) {
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Files.writeString(keyFile, kid + "\n" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n",
                        StandardCharsets.US_ASCII);
            }
            return new KeyMaterial(kid, pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local issuer's RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the local issuer key " + keyFile, e);
        }
    }

    public record KeyMaterial(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    public static LocalIssuer create(String issuer, String audience, KeyMaterial key, Clock clock) {
        return new LocalIssuer(issuer, audience, key.kid(), key.privateKey(), key.publicKey(), clock);
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The JSON Web Key Set served at {@code <issuer>/.well-known/jwks.json}. */
    public String jwks() {
        ObjectNode jwk = Json.object();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", B64URL.encodeToString(unsigned(publicKey.getModulus())));
        jwk.put("e", B64URL.encodeToString(unsigned(publicKey.getPublicExponent())));
        ObjectNode set = Json.object();
        set.putArray("keys").add(jwk);
        return Json.write(set);
    }

    public String openIdConfiguration() {
        ObjectNode doc = Json.object();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        return Json.write(doc);
    }

    /** An ID token shaped like Cognito's: sub, cognito:groups, iss, aud, exp, iat, nbf, token_use "id". */
    public String mint(String user, boolean admin, long ttlSeconds) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
        if (ttlSeconds <= 0 || ttlSeconds > 86_400 * 30L) {
            throw new IllegalArgumentException("ttl must be between 1 second and 30 days");
        }
        long now = clock.instant().getEpochSecond();
        ObjectNode header = Json.object();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", kid);
        ObjectNode claims = Json.object();
        claims.put("sub", user);
        claims.put("cognito:username", user);
        if (admin) {
            ArrayNode groups = claims.putArray("cognito:groups");
            groups.add("admin");
        }
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("token_use", "id");
        claims.put("auth_time", now);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + ttlSeconds);
        claims.put("jti", UUID.randomUUID().toString());
        return sign(Json.write(header), Json.write(claims));
    }

    /** Signs arbitrary header and claims with the issuer key (tests use it to craft bad tokens). */
    public String sign(String headerJson, String claimsJson) {
        String signingInput = B64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] out = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, out, 0, out.length);
            return out;
        }
        return bytes;
    }
}
