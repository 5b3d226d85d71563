package dev.meridian.emulator.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;

import java.io.InputStream;
import java.io.OutputStream;

/** HTTP: answers 200 with the whole API Gateway event it received, plus its environment and context. */
public final class EchoHandler implements RequestStreamHandler {

    private final Environment env;

    public EchoHandler(Environment env) {
        this.env = env;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode event = LambdaIo.read(input);
        ObjectNode body = Json.object();
        body.set("event", event);
        body.set("env", Json.mapper().valueToTree(env.asMap()));
        body.put("functionName", context.getFunctionName());
        body.put("remainingMillis", context.getRemainingTimeInMillis());
        body.put("requestId", context.getAwsRequestId());
        ObjectNode response = Json.object();
        response.put("statusCode", 200);
        response.putObject("headers").put("content-type", "application/json").put("x-echo", "yes");
        response.put("body", Json.write(body));
        LambdaIo.write(output, response);
    }
}
