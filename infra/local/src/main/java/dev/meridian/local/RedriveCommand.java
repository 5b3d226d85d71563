package dev.meridian.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code ./meridian redrive}: moves the messages of every DLQ back to its source queue on a running stack. */
final class RedriveCommand implements Command {

    @Override
    public String name() {
        return "redrive";
    }

    @Override
    public String summary() {
        return "move dead-lettered messages back to their source queues on the running ./meridian local";
    }

    @Override
    public String usage() {
        return """
                usage: ./meridian redrive [--port 3000]
                  --port    the port of the running `./meridian local` (default 3000)
                DLQs fed by one queue's redrive policy are moved back to it; others (rule-target and
                stream-failure DLQs) are listed and left alone.""";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("port"));
        int port = args.integer("port", LocalOptions.DEFAULT_PORT);
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
        body.path("moved").fields().forEachRemaining(e -> System.out.println(e.getKey() + ": " + e.getValue().asLong() + " message(s)"));
        body.path("skipped").forEach(s -> System.out.println(s.asText() + ": not redriven (no single source queue)"));
        System.out.println("moved " + body.path("total").asLong() + " message(s)");
        return 0;
    }
}
