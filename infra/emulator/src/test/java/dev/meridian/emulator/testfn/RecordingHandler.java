package dev.meridian.emulator.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Records every record it gets (SQS, stream) or the whole event (schedule). An SQS
 * message whose body (or a stream record whose new image) contains {@code poison} is
 * reported as a batch item failure, every time; {@code explode} makes the invocation throw.
 */
public final class RecordingHandler implements RequestStreamHandler {

    private final String functionName;

    public RecordingHandler(Environment env) {
        this.functionName = env.require("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode event = LambdaIo.read(input);
        if (!event.has("Records")) {
            Recorder.record(functionName, event);
            return;
        }
        ObjectNode response = Json.object();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (JsonNode r : event.path("Records")) {
            Recorder.record(functionName, r);
            boolean sqs = r.has("messageId");
            String body = sqs ? r.path("body").asText("") : r.path("dynamodb").path("NewImage").toString();
            if (body.contains("explode")) {
                throw new IllegalStateException("explode");
            }
            if (body.contains("poison")) {
                String id = sqs ? r.path("messageId").asText() : r.path("dynamodb").path("SequenceNumber").asText();
                failures.addObject().put("itemIdentifier", id);
            }
        }
        LambdaIo.write(output, response);
    }
}
