package dev.meridian.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the Meridian repository that tests read: {@code template.yaml}, {@code events/}, {@code docs/}. */
public final class RepoFiles {

    private RepoFiles() {
    }

    /**
     * The repository root: the {@code meridian.root} system property (the build sets it), else
     * the nearest folder above the working directory that holds {@code template.yaml}.
     */
    public static Path root() {
        String configured = System.getProperty("meridian.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Meridian repository root (no template.yaml above "
                + Path.of("").toAbsolutePath() + "); set -Dmeridian.root");
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
