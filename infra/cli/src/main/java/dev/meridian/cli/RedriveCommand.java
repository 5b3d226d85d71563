package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.EmulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./meridian redrive}: moves the messages of every DLQ back to its source queue on a running stack. */
@Command(name = "redrive", description = "move dead-lettered messages back to their source queues on the running ./meridian local",
        footer = {"DLQs fed by one queue's redrive policy are moved back to it; others (rule-target and",
                "stream-failure DLQs) are listed and left alone."})
final class RedriveCommand implements Callable<Integer> {

    @Option(names = "--port", description = "the port of the running `./meridian local` (default 3000)")
    int port = EmulatorOptions.DEFAULT_PORT;

    @Override
    public Integer call() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_local/redrive"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("meridian redrive: nothing listens on 127.0.0.1:" + port + "; start the stack with ./meridian local");
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("meridian redrive: HTTP " + response.statusCode() + " " + response.body());
            return 1;
        }
        JsonNode body = Json.parseTrusted(response.body());
        body.path("moved").properties().forEach(e -> System.out.println(e.getKey() + ": " + e.getValue().asLong() + " message(s)"));
        body.path("skipped").forEach(s -> System.out.println(s.asText() + ": not redriven (no single source queue)"));
        System.out.println("moved " + body.path("total").asLong() + " message(s)");
        return 0;
    }
}
