package dev.meridian.payments;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hexagonal rules of the module, read from its sources (surefire runs in the module directory). */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/meridian/payments");

    @Test
    void domain_shouldImportNoAwsNorJson_whenItsSourcesAreScanned() throws IOException {
        assertThat(importsMatching("domain", "software.amazon", "com.amazonaws", "com.fasterxml", "dev.meridian.common"))
                .isEmpty();
    }

    @Test
    void app_shouldImportNoAwsSdkNorAdapters_whenItsSourcesAreScanned() throws IOException {
        assertThat(importsMatching("app", "software.amazon", "com.amazonaws", "dev.meridian.payments.adapters",
                "dev.meridian.payments.handlers")).isEmpty();
    }

    private static List<String> importsMatching(String layer, String... forbidden) throws IOException {
        Path dir = SOURCES.resolve(layer);
        assertThat(dir).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    for (String prefix : forbidden) {
                        if (line.startsWith("import " + prefix) || line.startsWith("import static " + prefix)) {
                            found.add(file.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        return found;
    }
}
