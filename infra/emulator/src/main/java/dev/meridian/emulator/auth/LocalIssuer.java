package dev.meridian.emulator.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The local stand-in for the Cognito user pool: an RSA key (new per start, or kept under
 * {@code --data-dir}), its JWKS, and RS256 ID tokens for any user name, signed with
 * nimbus-jose-jwt.
 */
public final class LocalIssuer {

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

    /** The JSON Web Key Set served at {@code <issuer>/.well-known/jwks.json} (the public key only). */
    public String jwks() {
        RSAKey jwk = new RSAKey.Builder(publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        return new JWKSet(jwk).toString(true);
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
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user)
                .claim("cognito:username", user);
        if (admin) {
            claims.claim("cognito:groups", List.of("admin"));
        }
        claims.issuer(issuer)
                .audience(audience)
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString());
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims.build());
        try {
            token.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return token.serialize();
    }

    /** Signs arbitrary header and claims with the issuer key (tests use it to craft bad tokens); the header's alg must be RS256. */
    public String sign(String headerJson, String claimsJson) {
        try {
            JWSObject token = new JWSObject(JWSHeader.parse(headerJson), new Payload(claimsJson));
            token.sign(new RSASSASigner(privateKey));
            return token.serialize();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWS header: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
    }
}
