package dev.meridian.common;

import dev.meridian.testkit.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagonal rules of every service under {@code functions/}, read from the sources: one
 * test for all services, so a new service is held to them the day it is added.
 * <ul>
 *   <li>{@code domain}: no AWS, no JSON, no Meridian library, no other layer of the service;</li>
 *   <li>{@code app}: no AWS SDK, no JSON, no HTTP concept (the common HTTP package, header
 *       names), no adapters or handlers;</li>
 *   <li>{@code adapters}: no handlers;</li>
 *   <li>no service imports another service: they meet only through events and the read models
 *       of {@code layers/common}.</li>
 * </ul>
 */
class ServiceLayeringTest {

    private static final List<String> SERVICES = List.of("inventory", "orders", "payments", "outbox");

    @Test
    void everyService_shouldKeepItsLayers_whenItsSourcesAreScanned() throws IOException {
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        for (String service : SERVICES) {
            Path sources = RepoFiles.resolve("functions/" + service + "/src/main/java/dev/meridian/" + service);
            assertThat(sources).isDirectory();
            scanned += scan(service, sources, violations);
        }
        assertThat(scanned).as("source files scanned (the scan works)").isGreaterThan(40);
        assertThat(violations).isEmpty();
    }

    @Test
    void scan_shouldReportEachKindOfViolation_whenSourcesBreakTheRules(@TempDir Path dir) throws IOException {
        // negative control: the same scan over sources that break every rule
        write(dir, "domain/Order.java", "import software.amazon.awssdk.services.dynamodb.model.AttributeValue;");
        write(dir, "app/Place.java", "import dev.meridian.common.http.ApiException;\nthrow new X(\"Idempotency-Key\");");
        write(dir, "adapters/Api.java", "import dev.meridian.orders.handlers.OrdersApiHandler;");
        write(dir, "handlers/Wiring.java", "import dev.meridian.inventory.adapters.DynamoInventoryRepository;");
        List<String> violations = new ArrayList<>();

        scan("orders", dir, violations);

        assertThat(violations).hasSize(5).anySatisfy(v -> assertThat(v).contains("Order.java", "software.amazon"))
                .anySatisfy(v -> assertThat(v).contains("Place.java", "dev.meridian.common.http"))
                .anySatisfy(v -> assertThat(v).contains("Place.java", "Idempotency-Key"))
                .anySatisfy(v -> assertThat(v).contains("Api.java", "handlers"))
                .anySatisfy(v -> assertThat(v).contains("Wiring.java", "another service"));
    }

    /** Scans one service's sources into {@code violations}; returns how many files it read. */
    static int scan(String service, Path sources, List<String> violations) throws IOException {
        String own = "dev.meridian." + service + ".";
        Map<String, List<String>> forbiddenImports = Map.of(
                "domain", List.of("software.amazon", "com.amazonaws", "com.fasterxml", "dev.meridian.common",
                        own + "app", own + "adapters", own + "handlers"),
                "app", List.of("software.amazon", "com.amazonaws", "com.fasterxml", "dev.meridian.common.http",
                        own + "adapters", own + "handlers"),
                "adapters", List.of(own + "handlers"));
        int files = 0;
        List<Path> all;
        try (Stream<Path> walk = Files.walk(sources)) {
            all = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : all) {
            files++;
            String layer = sources.relativize(file).getName(0).toString();
            String name = service + "/" + sources.relativize(file);
            for (String line : Files.readAllLines(file)) {
                String imported = imported(line);
                if (imported == null) {
                    if (layer.equals("app") && line.contains("\"Idempotency-Key\"")) {
                        violations.add(name + ": the app layer names the HTTP header Idempotency-Key");
                    }
                    continue;
                }
                for (String prefix : forbiddenImports.getOrDefault(layer, List.of())) {
                    if (imported.startsWith(prefix)) {
                        violations.add(name + ": " + layer + " imports " + imported + " (" + prefix + " is off limits)");
                    }
                }
                for (String other : SERVICES) {
                    if (!other.equals(service) && imported.startsWith("dev.meridian." + other + ".")) {
                        violations.add(name + ": imports " + imported + " of another service");
                    }
                }
            }
        }
        return files;
    }

    private static String imported(String line) {
        String trimmed = line.trim();
        if (trimmed.startsWith("import static ")) {
            return trimmed.substring("import static ".length());
        }
        return trimmed.startsWith("import ") ? trimmed.substring("import ".length()) : null;
    }

    private static void write(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }
}
