package dev.meridian.systemtests.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagonal rule of every function module, read off the sources: {@code domain} imports
 * neither AWS nor HTTP nor Meridian's adapters; {@code app} (the use cases) imports no AWS SDK
 * and nothing of the HTTP edge — outcomes such as "not found" are the use cases' own
 * exceptions, mapped to HTTP problems once in the adapters.
 */
class LayeringTest {

    private static final Path ROOT = Path.of(System.getProperty("meridian.root", "../.."));
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    static List<String> violations(String layer, List<String> forbiddenPrefixes) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("functions"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && p.getParent().getFileName().toString().equals(layer)).toList()) {
                var m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(2);
                    if (forbiddenPrefixes.stream().anyMatch(imported::startsWith)) {
                        found.add(ROOT.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void domain_shouldImportNoAwsHttpOrAdapterCode() throws IOException {
        assertThat(violations("domain", List.of("software.amazon.", "com.amazonaws.", "dev.meridian.common.http.",
                "dev.meridian.common.config.", "dev.meridian.common.outbox."))).isEmpty();
    }

    @Test
    void app_shouldImportNoAwsSdkAndNoHttpEdge() throws IOException {
        assertThat(violations("app", List.of("software.amazon.", "com.amazonaws.", "dev.meridian.common.http."))).isEmpty();
    }

    @Test
    void violations_shouldFindAnImport_whenTheLayerHasIt() throws IOException {
        // negative control: the adapters do import the SDK, so the scan sees imports at all
        assertThat(violations("adapters", List.of("software.amazon.awssdk.services.dynamodb."))).isNotEmpty();
    }
}
