package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.EmulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ./meridian region cut|down|heal REGION [--for SECONDS]} and {@code ./meridian region list}:
 * the region controls of a running {@code ./meridian local --regions} ({@code /_local/regions}).
 */
@Command(name = "region", description = {"cut, take down or heal a region of `./meridian local --regions`, or list them:",
        "  cut   replication to and from REGION stops (and queues); it keeps serving its own clients",
        "  down  REGION's API answers 503 (but /_local/*), its consumers and schedules stop, replication queues",
        "  heal  REGION serves, consumes and replicates again; what queued is delivered",
        "  list  every region's port and state (up, cut, down)"})
final class RegionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "cut|down|heal|list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REGION")
    String region;

    @Option(names = "--for", paramLabel = "SECONDS", description = "with cut or down: heal after SECONDS (the command waits)")
    Long forSeconds;

    @Option(names = "--port", description = "the port of any region of the running `./meridian local --regions` (default 3000)")
    int port = EmulatorOptions.DEFAULT_PORT;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Integer call() throws Exception {
        try {
            return control();
        } catch (IOException e) {
            System.err.println("meridian region: " + e.getMessage());
            return 1;
        }
    }

    private int control() throws IOException, InterruptedException {
        switch (action) {
            case "list" -> {
                if (region != null || forSeconds != null) {
                    throw Main.usage(spec, "list takes no REGION and no --for");
                }
                return print(send("GET", "/_local/regions"));
            }
            case "cut", "down", "heal" -> {
                if (region == null) {
                    throw Main.usage(spec, action + " needs a REGION");
                }
                if (forSeconds != null && (action.equals("heal") || forSeconds < 1)) {
                    throw Main.usage(spec, action.equals("heal") ? "--for goes with cut or down, not heal"
                            : "--for needs at least 1 second, got " + forSeconds);
                }
            }
            default -> throw Main.usage(spec, "unknown action '" + action + "'; expected cut, down, heal or list");
        }
        int status = print(send("POST", "/_local/regions/" + region + "/" + action));
        if (status != 0 || forSeconds == null) {
            return status;
        }
        System.out.println("meridian region: " + region + " " + action + " for " + forSeconds + " s; waiting, then healing"
                + " (Ctrl-C leaves it " + (action.equals("cut") ? "cut" : "down") + ")");
        Thread.sleep(forSeconds * 1000);
        return print(send("POST", "/_local/regions/" + region + "/heal"));
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("nothing listens on 127.0.0.1:" + port + "; start the regions with ./meridian local --regions ...", e);
        }
    }

    /** Prints the answer: the region's new state, the list, or the stack's message; 0 on success. */
    private static int print(HttpResponse<String> response) {
        if (response.statusCode() == 404 && response.body().contains("\"Not Found\"")) {
            System.err.println("meridian region: the stack on this port runs one region (start it with --regions)");
            return 1;
        }
        JsonNode body = Json.parseTrusted(response.body());
        if (response.statusCode() != 200) {
            System.err.println("meridian region: " + body.path("message").asText("HTTP " + response.statusCode()));
            return 1;
        }
        if (body.isArray()) {
            body.forEach(r -> System.out.println(r.path("region").asText() + "  port " + r.path("port").asInt() + "  " + r.path("state").asText()));
        } else {
            System.out.println("meridian region: " + body.path("region").asText() + " " + body.path("previous").asText() + " -> "
                    + body.path("state").asText());
        }
        return 0;
    }
}
