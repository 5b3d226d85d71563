package dev.meridian.emulator.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.lambda.LambdaIo;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.io.InputStream;
import java.io.OutputStream;

/** Outbox stream (INSERT only by filter) → PutEvents through the SDK at EVENTBRIDGE_ENDPOINT. */
public final class PublisherHandler implements RequestStreamHandler {

    private final EventBridgeClient events;
    private final String busName;
    private final String functionName;

    public PublisherHandler(Environment env) {
        this.events = AwsClients.eventBridge(env);
        this.busName = env.require("EVENT_BUS_NAME");
        this.functionName = env.require("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode event = LambdaIo.read(input);
        for (JsonNode r : event.path("Records")) {
            Recorder.record(functionName, r);
            JsonNode image = r.path("dynamodb").path("NewImage");
            var response = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(image.path("source").path("S").asText())
                    .detailType(image.path("detailType").path("S").asText())
                    .detail(image.path("detail").path("S").asText())
                    .build()));
            if (response.failedEntryCount() > 0) {
                throw new IllegalStateException("PutEvents failed: " + response.entries());
            }
        }
    }
}
