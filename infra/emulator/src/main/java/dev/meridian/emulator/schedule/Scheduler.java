package dev.meridian.emulator.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code Schedule} / {@code ScheduleV2} events: {@code rate(...)} expressions invoke the
 * function with a Scheduled Event (or the declared Input); {@link #trigger(String)} fires a
 * function's schedules on demand ({@code POST /_local/schedules/<FunctionLogicalId>}).
 */
public final class Scheduler implements AutoCloseable {

    private final StackModel model;
    private final Map<String, LocalFunction> functions;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });

    /** A region that is down: timed schedules skip their firings (on-demand triggers still run). */
    private volatile boolean suspended;

    public Scheduler(StackModel model, Map<String, LocalFunction> functions) {
        this.model = model;
        this.functions = functions;
    }

    public void start() {
        for (Specs.Schedule s : model.schedules()) {
            if (s.rate() != null) {
                long millis = s.rate().toMillis();
                executor.scheduleAtFixedRate(() -> {
                    if (!suspended) {
                        fire(s, "schedule " + s.expression());
                    }
                }, millis, millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Skips (true) or resumes (false) the timed firings. */
    public void suspend(boolean suspend) {
        this.suspended = suspend;
    }

    /** Registers {@code POST /_local/schedules/<FunctionLogicalId>}: fires that function's schedules now. */
    public void registerRoutes(dev.meridian.emulator.http.LocalRoutes routes) {
        String prefix = "/_local/schedules/";
        routes.addPrefix("POST " + prefix, request -> {
            String function = request.path().substring(prefix.length());
            List<LocalFunction.Result> results = trigger(function);
            if (results.isEmpty()) {
                return dev.meridian.emulator.http.LocalResponse.message(404, "no schedule for function " + function);
            }
            ObjectNode response = Json.object();
            response.put("function", function);
            response.put("invocations", results.size());
            response.put("ok", results.stream().allMatch(LocalFunction.Result::ok));
            return dev.meridian.emulator.http.LocalResponse.json(200, Json.write(response));
        });
    }

    /** Fires every schedule of the function now, synchronously; empty when it has none. */
    public List<LocalFunction.Result> trigger(String functionLogicalId) {
        List<LocalFunction.Result> results = new ArrayList<>();
        for (Specs.Schedule s : model.schedules()) {
            if (s.functionLogicalId().equals(functionLogicalId)) {
                results.add(fire(s, "schedule " + s.eventName() + " (on demand)"));
            }
        }
        return results;
    }

    private LocalFunction.Result fire(Specs.Schedule s, String source) {
        byte[] payload = (s.input() != null ? s.input() : Json.write(event(s))).getBytes(StandardCharsets.UTF_8);
        LocalFunction function = functions.get(s.functionLogicalId());
        LocalFunction.Result result = function.invoke(payload, source);
        // asynchronous invocation: Lambda retries twice on error
        for (int retry = 0; retry < 2 && !result.ok(); retry++) {
            result = function.invoke(payload, source + " retry " + (retry + 1));
        }
        return result;
    }

    private ObjectNode event(Specs.Schedule s) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", s.v2() ? "aws.scheduler" : "aws.events");
        event.put("account", StackModel.ACCOUNT_ID);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", model.region());
        event.putArray("resources").add(s.v2()
                ? "arn:aws:scheduler:" + model.region() + ":" + StackModel.ACCOUNT_ID + ":schedule/default/" + s.name()
                : model.ruleArn(s.name()));
        event.putObject("detail");
        return event;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
