package dev.meridian.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Artifact sizes and the function's runtime classpath.
 *
 * <p>A function artifact is its module jar only (its own classes); the layer is
 * meridian-common plus its runtime dependencies, read from the bench module's
 * dependency tree (meridian-common is its first dependency, so its whole subtree is
 * listed under it) and located on the bench classpath.
 */
final class Sizes {

    static final String COMMON = "meridian-common";

    private Sizes() {
    }

    /**
     * One dependency tree node: depth (1 = a direct dependency), coordinates, and whether
     * Maven omitted it there (a duplicate or a conflict: then its resolved copy, with its
     * children, is elsewhere in the tree).
     */
    record Node(int depth, String groupId, String artifactId, String version, String classifier, String scope, boolean omitted) {
        String fileName() {
            return artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        }

        String key() {
            return groupId + ":" + artifactId + (classifier == null ? "" : ":" + classifier);
        }
    }

    /**
     * Parses {@code mvn dependency:tree -Dverbose} text output
     * ({@code +- g:a:type[:classifier]:v:scope}, omitted nodes in parentheses); the root
     * line (depth 0) is skipped.
     */
    static List<Node> parseTree(List<String> lines) {
        List<Node> nodes = new ArrayList<>();
        for (String raw : lines) {
            int marker = Math.max(raw.indexOf("+- "), raw.indexOf("\\- "));
            if (marker < 0) {
                continue;
            }
            int depth = marker / 3 + 1;
            String coords = raw.substring(marker + 3).trim();
            boolean omitted = coords.startsWith("(");
            if (omitted) {
                coords = coords.substring(1);
            }
            int space = coords.indexOf(' ');
            if (space > 0) {
                coords = coords.substring(0, space);
            }
            if (coords.endsWith(")")) {
                coords = coords.substring(0, coords.length() - 1);
            }
            String[] p = coords.split(":");
            if (p.length == 5) {
                nodes.add(new Node(depth, p[0], p[1], p[3], null, p[4], omitted));
            } else if (p.length == 6) {
                nodes.add(new Node(depth, p[0], p[1], p[4], p[3], p[5], omitted));
            }
        }
        return nodes;
    }

    /**
     * The jar file names of the direct dependency {@code artifactId} and everything it
     * needs at run time: its subtree, where an omitted node stands for its resolved copy
     * (and that copy's subtree) elsewhere in the tree.
     */
    static Set<String> subtree(List<Node> nodes, String artifactId) {
        java.util.Map<String, Integer> resolved = new java.util.HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).omitted()) {
                resolved.putIfAbsent(nodes.get(i).key(), i);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        Set<Integer> visited = new java.util.HashSet<>();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).depth() == 1 && nodes.get(i).artifactId().equals(artifactId)) {
                todo.add(i);
            }
        }
        while (!todo.isEmpty()) {
            int i = todo.poll();
            Node node = nodes.get(i);
            if (node.omitted()) {
                Integer copy = resolved.get(node.key());
                if (copy != null && visited.add(copy)) {
                    todo.add(copy);
                }
                continue;
            }
            if ("test".equals(node.scope()) || "provided".equals(node.scope())) {
                continue;
            }
            visited.add(i);
            out.add(node.fileName());
            // children: the following nodes one level deeper, until the depth comes back
            for (int j = i + 1; j < nodes.size() && nodes.get(j).depth() > node.depth(); j++) {
                if (nodes.get(j).depth() == node.depth() + 1 && !visited.contains(j)) {
                    todo.add(j);
                }
            }
        }
        return out;
    }

    /** The classpath entries whose file name is in {@code fileNames}, in classpath order. */
    static List<Path> select(List<Path> classpath, Set<String> fileNames) {
        List<Path> out = new ArrayList<>();
        for (Path entry : classpath) {
            String name = entry.getFileName().toString();
            if (fileNames.contains(name) || isReactorJarOf(name, fileNames)) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * A module of this build is {@code target/<artifactId>.jar} (the parent pom sets
     * finalName), while the dependency tree names {@code <artifactId>-<version>.jar}.
     */
    static boolean isReactorJarOf(String name, Set<String> fileNames) {
        if (!name.endsWith(".jar")) {
            return false;
        }
        String stem = name.substring(0, name.length() - ".jar".length());
        return fileNames.stream().anyMatch(f -> f.startsWith(stem + "-") && f.length() > stem.length() + 1
                && Character.isDigit(f.charAt(stem.length() + 1)));
    }

    static List<Path> splitClasspath(String classpath) {
        List<Path> out = new ArrayList<>();
        for (String part : classpath.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                out.add(Path.of(part).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    static long size(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a function deploys: the layer's jars and each function module's jar. */
    record Layout(List<Path> layer, Map<String, Path> functionJars, Path benchJar) {

        long layerBytes() {
            return layer.stream().mapToLong(Sizes::size).sum();
        }

        /**
         * The same layout with Meridian's own jars (meridian-common and the function jars)
         * taken from another built checkout at {@code otherRoot}: the "before" of a change.
         */
        Layout withMeridianJarsFrom(Path root, Path otherRoot) {
            java.util.function.UnaryOperator<Path> swap = p -> p.startsWith(root) && p.getFileName().toString().startsWith("meridian-")
                    ? otherRoot.resolve(root.relativize(p)) : p;
            List<Path> otherLayer = layer.stream().map(swap).toList();
            Map<String, Path> otherFunctions = new LinkedHashMap<>();
            functionJars.forEach((k, v) -> otherFunctions.put(k, swap.apply(v)));
            for (Path p : otherLayer) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException("--before: " + p + " is missing (build that checkout with mvn -o package -DskipTests)");
                }
            }
            return new Layout(otherLayer, otherFunctions, benchJar);
        }

        /** bench jar (the probe), function jars, then the layer: the child JVM's classpath. */
        String childClasspath() {
            List<String> parts = new ArrayList<>();
            parts.add(benchJar.toString());
            functionJars.values().forEach(p -> parts.add(p.toString()));
            layer.forEach(p -> parts.add(p.toString()));
            return String.join(File.pathSeparator, parts);
        }
    }

    /** Reads {@code target/dependency-tree.txt} and {@code target/bench.classpath} written at package time. */
    static Layout layout(Path benchTarget) {
        try {
            List<Path> classpath = splitClasspath(Files.readString(benchTarget.resolve("bench.classpath")).trim());
            List<Node> tree = parseTree(Files.readAllLines(benchTarget.resolve("dependency-tree.txt")));
            List<Path> layer = select(classpath, subtree(tree, COMMON));
            Map<String, Path> functions = new LinkedHashMap<>();
            for (Node node : tree) {
                if (node.depth() == 1 && !node.omitted() && node.groupId().equals("dev.meridian") && !node.artifactId().equals(COMMON)
                        && !node.artifactId().equals("meridian-testkit") && !node.artifactId().equals("meridian-cli")) {
                    select(classpath, Set.of(node.fileName())).forEach(p -> functions.put(node.artifactId(), p));
                }
            }
            Path benchJar;
            try (var files = Files.list(benchTarget)) {
                benchJar = files.filter(p -> p.getFileName().toString().matches("meridian-bench(-.*)?\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no meridian-bench jar in " + benchTarget + ": run the package phase"));
            }
            return new Layout(layer, functions, benchJar.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bench build outputs in " + benchTarget + " (run mvn package first)", e);
        }
    }
}
