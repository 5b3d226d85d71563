package dev.meridian.emulator.http;

import dev.meridian.emulator.template.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    static Specs.Route route(String method, String path) {
        return new Specs.Route("Fn", method + path, "Api", method, path, null, List.of());
    }

    final RouteTable table = new RouteTable(List.of(
            route("GET", "/products/{sku}"),
            route("GET", "/products/featured"),
            route("POST", "/products/{sku}/restock"),
            route("ANY", "/products/{sku}"),
            route("ANY", "/files/{proxy+}")));

    @Test
    void match_shouldPreferLiteralSegments_overVariables() {
        assertThat(table.match("GET", "/products/featured").orElseThrow().route().path()).isEqualTo("/products/featured");
        var m = table.match("GET", "/products/sku-1").orElseThrow();
        assertThat(m.route().routeKey()).isEqualTo("GET /products/{sku}");
        assertThat(m.pathParameters()).containsEntry("sku", "sku-1");
    }

    @Test
    void match_shouldPreferANamedMethod_overAny() {
        assertThat(table.match("GET", "/products/x").orElseThrow().route().method()).isEqualTo("GET");
        assertThat(table.match("DELETE", "/products/x").orElseThrow().route().method()).isEqualTo("ANY");
    }

    @Test
    void match_shouldTakeTheRestOfThePath_forAGreedyVariable() {
        assertThat(table.match("PUT", "/files/a/b/c").orElseThrow().pathParameters()).containsEntry("proxy", "a/b/c");
    }

    @Test
    void match_shouldFindNothing_whenNoRouteFitsAndThereIsNoDefault() {
        assertThat(table.match("POST", "/products/x/other")).isEmpty();
        assertThat(table.match("GET", "/")).isEmpty();
    }
}
