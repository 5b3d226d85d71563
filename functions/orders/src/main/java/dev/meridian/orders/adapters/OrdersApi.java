package dev.meridian.orders.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.http.ApiException;
import dev.meridian.common.http.Body;
import dev.meridian.common.http.Caller;
import dev.meridian.common.http.HttpApiRequest;
import dev.meridian.common.http.HttpApiResponse;
import dev.meridian.common.http.HttpRouter;
import dev.meridian.common.idempotency.IdempotencyInProgressException;
import dev.meridian.common.idempotency.IdempotencyKeyMismatchException;
import dev.meridian.common.idempotency.DerivedIds;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.json.Json;
import dev.meridian.common.validation.Limits;
import dev.meridian.orders.app.CancelOutcome;
import dev.meridian.orders.app.MixedCurrencyException;
import dev.meridian.orders.app.OrderNotFoundException;
import dev.meridian.orders.app.OrdersService;
import dev.meridian.orders.app.PlaceOrder;
import dev.meridian.orders.app.RequestKeyReusedException;
import dev.meridian.orders.app.UnknownProductException;
import dev.meridian.orders.domain.Order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** HTTP mapping of the orders API. */
public final class OrdersApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrdersService service;
    private final IdempotencyStore idempotency;
    private final HealthApi health;

    public OrdersApi(OrdersService service, IdempotencyStore idempotency, HealthApi health) {
        this.service = service;
        this.idempotency = idempotency;
        this.health = java.util.Objects.requireNonNull(health, "health");
    }

    public HttpRouter router() {
        return new HttpRouter()
                .route("GET /health", health::health)
                .route("POST /orders", mapped(this::place))
                .route("GET /orders", mapped(this::list))
                .route("GET /orders/{orderId}", mapped(this::get))
                .route("POST /orders/{orderId}/cancel", mapped(this::cancel));
    }

    /** The use cases' outcomes as HTTP problems; the detail names no id the caller did not send. */
    private static Function<HttpApiRequest, HttpApiResponse> mapped(Function<HttpApiRequest, HttpApiResponse> route) {
        return request -> {
            try {
                return route.apply(request);
            } catch (OrderNotFoundException e) {
                throw ApiException.notFound("order not found");
            } catch (UnknownProductException e) {
                String field = "lines[" + e.line() + "].sku";
                throw ApiException.unprocessable(field, field + " is not a known product");
            } catch (MixedCurrencyException e) {
                throw ApiException.unprocessable("lines[" + e.line() + "].sku", e.getMessage());
            } catch (RequestKeyReusedException e) {
                throw ApiException.unprocessable(IDEMPOTENCY_KEY, "this Idempotency-Key was already used for a different order");
            }
        };
    }

    HttpApiResponse place(HttpApiRequest request) {
        Caller caller = request.requireCaller();
        String key = request.header("idempotency-key").orElse(null);
        if (key != null && !Limits.IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.badRequest(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 128 visible ASCII characters");
        }
        PlaceOrder command = parse(caller.subject(), key, request);
        if (key == null) {
            return accepted(Json.write(toJson(service.place(command))));
        }
        try {
            var outcome = idempotency.execute(DerivedIds.key(DerivedIds.Scope.ORDER_REQUEST, caller.subject(), key), command.canonical(),
                    () -> Json.write(toJson(service.place(command))));
            return accepted(outcome.response()).withHeader("idempotent-replayed", Boolean.toString(outcome.replayed()));
        } catch (IdempotencyKeyMismatchException e) {
            throw ApiException.unprocessable(IDEMPOTENCY_KEY, e.getMessage());
        } catch (IdempotencyInProgressException e) {
            throw ApiException.conflict(e.getMessage(), e.retryAfter());
        }
    }

    private static HttpApiResponse accepted(String body) {
        String orderId = Json.parseTrusted(body).path("orderId").asText();
        return new HttpApiResponse(202, Map.of("content-type", HttpApiResponse.JSON, "location", "/orders/" + orderId), body);
    }

    static PlaceOrder parse(String customerId, String key, HttpApiRequest request) {
        JsonNode body = Body.object(request);
        Body.onlyFields(body, "", Set.of("lines", "payment"));
        JsonNode linesNode = Body.requireArray(body, "", "lines", 1, Limits.MAX_LINES);
        List<PlaceOrder.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < linesNode.size(); i++) {
            String path = "lines[" + i + "]";
            JsonNode line = linesNode.get(i);
            if (!line.isObject()) {
                throw ApiException.badRequest(path, path + " must be an object");
            }
            Body.onlyFields(line, path, Set.of("sku", "quantity"));
            String sku = Body.requireString(line, path, "sku", 64, Limits.SKU, Limits.SKU_RULE);
            long quantity = Body.requireInteger(line, path, "quantity", 1, Limits.MAX_LINE_QUANTITY);
            if (!seen.add(sku)) {
                throw ApiException.badRequest(path + ".sku", path + ".sku repeats an earlier line; use one line per sku");
            }
            lines.add(new PlaceOrder.Line(sku, quantity));
        }
        JsonNode payment = Body.requireObject(body, "", "payment");
        Body.onlyFields(payment, "payment", Set.of("token"));
        String token = Body.requireString(payment, "payment", "token", 128, Limits.PAYMENT_TOKEN, "must be 1 to 128 letters, digits, '_' or '-'");
        return new PlaceOrder(customerId, lines, token, key, request.header("traceparent").orElse(null));
    }

    HttpApiResponse get(HttpApiRequest request) {
        Caller caller = request.requireCaller();
        String orderId = Limits.orderId(request.pathParameter("orderId"));
        return HttpApiResponse.json(200, toJson(service.get(caller.subject(), orderId)));
    }

    HttpApiResponse list(HttpApiRequest request) {
        Caller caller = request.requireCaller();
        int limit = 50;
        String raw = request.queryParameters().get("limit");
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > Limits.MAX_LIST_LIMIT) {
                throw ApiException.badRequest("limit", "limit must be an integer between 1 and " + Limits.MAX_LIST_LIMIT);
            }
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        service.list(caller.subject(), limit).forEach(o -> items.add(toJson(o)));
        return HttpApiResponse.json(200, body);
    }

    HttpApiResponse cancel(HttpApiRequest request) {
        Caller caller = request.requireCaller();
        String orderId = Limits.orderId(request.pathParameter("orderId"));
        CancelOutcome outcome = service.cancel(caller.subject(), orderId);
        if (outcome.applied()) {
            return HttpApiResponse.json(200, toJson(outcome.order()));
        }
        // another region's order: the request is recorded here, the home region decides
        ObjectNode body = toJson(outcome.order());
        body.putObject("cancelRequest").put("status", "REQUESTED").put("requestedIn", outcome.requestedIn())
                .put("appliedBy", outcome.order().homeRegion());
        return HttpApiResponse.json(202, body);
    }

    static ObjectNode toJson(Order order) {
        ObjectNode node = Json.object();
        node.put("orderId", order.orderId());
        node.put("status", order.status().name());
        ArrayNode lines = node.putArray("lines");
        order.lines().forEach(l -> lines.addObject().put("sku", l.sku()).put("quantity", l.quantity()).put("unitPrice", l.unitPrice()));
        node.put("total", order.total());
        node.put("currency", order.currency());
        if (order.cancellationReason() == null) {
            node.putNull("cancellationReason");
        } else {
            node.put("cancellationReason", order.cancellationReason().name());
        }
        node.putObject("payment").put("status", order.paymentStatus().name());
        node.put("homeRegion", order.homeRegion());
        node.put("createdAt", order.createdAt().toString());
        node.put("updatedAt", order.updatedAt().toString());
        return node;
    }
}
