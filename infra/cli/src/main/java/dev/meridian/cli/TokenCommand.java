package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.EmulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ./meridian token}: prints only a token, minted by the stack running on that port
 * through its loopback-only {@code POST /_local/token}.
 */
@Command(name = "token", description = "print a sign-in token (JWT) for the stack that `./meridian local` runs")
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", description = "the token's subject (sub)")
    String user;

    @Option(names = "--admin", description = "put the user in the admin group (cognito:groups [\"admin\"])")
    boolean admin;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "lifetime in seconds (default 3600)")
    long ttl = 3600;

    @Option(names = "--port", description = "the port of the running `./meridian local` (default 3000)")
    int port = EmulatorOptions.DEFAULT_PORT;

    @Override
    public Integer call() throws Exception {
        if (user == null || user.isBlank()) {
            throw Main.usage(spec, "--user is required");
        }
        ObjectNode request = Json.object();
        request.put("user", user);
        request.put("admin", admin);
        request.put("ttl", ttl);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_local/token"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("meridian token: nothing listens on 127.0.0.1:" + port + "; start the stack with ./meridian local");
            return 1;
        }
        JsonNode body = Json.parseTrusted(response.body());
        if (response.statusCode() != 200) {
            System.err.println("meridian token: " + body.path("message").asText("HTTP " + response.statusCode()));
            return 1;
        }
        System.out.println(body.path("token").asText());
        return 0;
    }
}
