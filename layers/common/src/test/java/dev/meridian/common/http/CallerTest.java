package dev.meridian.common.http;

import dev.meridian.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    @Test
    void fromClaims_shouldReadGroups_inEveryRenderingApiGatewayAndLocalUse() {
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"sub\":\"a\",\"cognito:groups\":\"[admin]\"}")).isAdmin()).isTrue();
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"sub\":\"a\",\"cognito:groups\":\"[staff admin]\"}")).groups()).containsExactlyInAnyOrder("staff", "admin");
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"sub\":\"a\",\"cognito:groups\":[\"admin\"]}")).isAdmin()).isTrue();
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"sub\":\"a\",\"cognito:groups\":\"admin-like\"}")).isAdmin()).isFalse();
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"sub\":\"a\"}")).isAdmin()).isFalse();
    }

    @Test
    void fromClaims_shouldBeNull_whenNoSubject() {
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"cognito:groups\":\"[admin]\"}"))).isNull();
        assertThat(Caller.fromClaims(Json.parseTrusted("{\"sub\":\"\"}"))).isNull();
        assertThat(Caller.fromClaims(null)).isNull();
    }
}
