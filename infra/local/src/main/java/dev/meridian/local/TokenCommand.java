package dev.meridian.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code ./meridian token}: prints only a token, minted by the stack running on that port
 * through its loopback-only {@code POST /_local/token}.
 */
final class TokenCommand implements Command {

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "print a sign-in token (JWT) for the stack that `./meridian local` runs";
    }

    @Override
    public String usage() {
        return """
                usage: ./meridian token --user NAME [--admin] [--ttl SECONDS] [--port 3000]
                  --user    the token's subject (sub)
                  --admin   put the user in the admin group (cognito:groups ["admin"])
                  --ttl     lifetime in seconds (default 3600)
                  --port    the port of the running `./meridian local` (default 3000)""";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("admin"), Set.of("user", "admin", "ttl", "port"));
        String user = args.get("user", null);
        if (user == null || user.isBlank()) {
            throw new Args.UsageException("--user is required");
        }
        int port = args.integer("port", LocalOptions.DEFAULT_PORT);
        ObjectNode request = Json.object();
        request.put("user", user);
        request.put("admin", args.flag("admin"));
        request.put("ttl", args.longValue("ttl", 3600));
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
