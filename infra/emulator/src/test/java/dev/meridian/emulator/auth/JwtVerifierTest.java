package dev.meridian.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtVerifierTest {

    static final String ISSUER = "http://127.0.0.1:3000/_local/issuer";
    static final String AUDIENCE = "local-client";
    static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final LocalIssuer.KeyMaterial KEY = LocalIssuer.keyMaterial(null);
    static final LocalIssuer ISSUER_KEYS = LocalIssuer.create(ISSUER, AUDIENCE, KEY, CLOCK);
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final JwtVerifier verifier = new JwtVerifier(ISSUER, Set.of(AUDIENCE), ISSUER_KEYS.jwks(), CLOCK);

    String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    }

    String claims(String iss, String aud, long exp, long nbf) {
        return "{\"sub\":\"alice\",\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + ",\"nbf\":" + nbf
                + ",\"iat\":" + NOW.getEpochSecond() + ",\"token_use\":\"id\"}";
    }

    long now() {
        return NOW.getEpochSecond();
    }

    @Test
    void verify_shouldReturnClaims_whenTheMintedTokenIsValid() {
        JsonNode claims = verifier.verify(ISSUER_KEYS.mint("alice", true, 60));
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("cognito:groups").get(0).asText()).isEqualTo("admin");
        assertThat(claims.path("token_use").asText()).isEqualTo("id");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(60);
    }

    @Test
    void verify_shouldReject_algNone() {
        String token = B64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + B64.encodeToString(claims(ISSUER, AUDIENCE, now() + 60, now()).getBytes()) + ".";
        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("alg none");
    }

    @Test
    void verify_shouldReject_hmacSignedWithThePublicKeyAsSecret() throws Exception {
        // the classic key-confusion attack: HS256 keyed with the RSA public key bytes
        String input = B64.encodeToString(header("HS256", KEY.kid()).getBytes()) + "."
                + B64.encodeToString(claims(ISSUER, AUDIENCE, now() + 60, now()).getBytes());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.publicKey().getEncoded(), "HmacSHA256"));
        String token = input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("alg HS256");
    }

    @Test
    void verify_shouldReject_unknownKid() {
        String token = ISSUER_KEYS.sign(header("RS256", "other-key"), claims(ISSUER, AUDIENCE, now() + 60, now()));
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("unknown kid");
    }

    @Test
    void verify_shouldReject_aTokenSignedByAnotherKeyWithTheSameKid() {
        LocalIssuer impostor = LocalIssuer.create(ISSUER, AUDIENCE,
                new LocalIssuer.KeyMaterial(KEY.kid(), LocalIssuer.keyMaterial(null).privateKey(), KEY.publicKey()), CLOCK);
        assertThatThrownBy(() -> verifier.verify(impostor.mint("alice", true, 60))).hasMessage("bad signature");
    }

    @Test
    void verify_shouldReject_tamperedPayload() {
        String[] parts = ISSUER_KEYS.mint("alice", false, 60).split("\\.");
        String forged = parts[0] + "." + B64.encodeToString(claims(ISSUER, AUDIENCE, now() + 60, now())
                .replace("alice", "admin").getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> verifier.verify(forged)).hasMessage("bad signature");
    }

    @Test
    void verify_shouldReject_wrongIssuer() {
        String token = ISSUER_KEYS.sign(header("RS256", KEY.kid()), claims("https://evil.example", AUDIENCE, now() + 60, now()));
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("wrong issuer");
    }

    @Test
    void verify_shouldReject_wrongAudience() {
        String token = ISSUER_KEYS.sign(header("RS256", KEY.kid()), claims(ISSUER, "another-client", now() + 60, now()));
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("wrong audience");
    }

    @Test
    void verify_shouldReject_expiredBeyondTheLeeway_butAcceptWithinIt() {
        long leeway = JwtVerifier.LEEWAY_SECONDS;
        String expired = ISSUER_KEYS.sign(header("RS256", KEY.kid()), claims(ISSUER, AUDIENCE, now() - leeway - 1, now() - 600));
        String justExpired = ISSUER_KEYS.sign(header("RS256", KEY.kid()), claims(ISSUER, AUDIENCE, now() - leeway + 1, now() - 600));
        assertThatThrownBy(() -> verifier.verify(expired)).hasMessageContaining("expired");
        assertThat(verifier.verify(justExpired).path("sub").asText()).isEqualTo("alice");
    }

    @Test
    void verify_shouldReject_notBeforeInTheFuture() {
        String token = ISSUER_KEYS.sign(header("RS256", KEY.kid()), claims(ISSUER, AUDIENCE, now() + 600, now() + JwtVerifier.LEEWAY_SECONDS + 5));
        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("not valid yet");
    }

    @Test
    void verify_shouldReject_garbage() {
        assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(JwtVerifier.InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("a.b.c")).isInstanceOf(JwtVerifier.InvalidTokenException.class);
    }

    @Test
    void keyMaterial_shouldBeReused_whenPersistedInTheDataDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        LocalIssuer.KeyMaterial first = LocalIssuer.keyMaterial(dir.resolve("issuer-key"));
        LocalIssuer.KeyMaterial second = LocalIssuer.keyMaterial(dir.resolve("issuer-key"));
        assertThat(second.kid()).isEqualTo(first.kid());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
    }
}
