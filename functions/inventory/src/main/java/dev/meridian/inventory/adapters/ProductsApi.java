package dev.meridian.inventory.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.http.ApiException;
import dev.meridian.common.http.Body;
import dev.meridian.common.http.HttpApiRequest;
import dev.meridian.common.http.HttpApiResponse;
import dev.meridian.common.http.HttpRouter;
import dev.meridian.common.idempotency.IdempotencyInProgressException;
import dev.meridian.common.idempotency.IdempotencyKeyMismatchException;
import dev.meridian.common.idempotency.DerivedIds;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.json.Json;
import dev.meridian.common.validation.Limits;
import dev.meridian.inventory.app.ProductNotFoundException;
import dev.meridian.inventory.app.ProductsService;
import dev.meridian.inventory.app.RestockKeyReusedException;
import dev.meridian.inventory.domain.Product;
import dev.meridian.inventory.domain.ProductView;
import dev.meridian.inventory.domain.Stock;

import java.util.Set;
import java.util.function.Function;

/** HTTP mapping of the products API (routes, validation, JSON shapes). */
public final class ProductsApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ProductsService service;
    private final IdempotencyStore idempotency;

    public ProductsApi(ProductsService service, IdempotencyStore idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    public HttpRouter router() {
        return new HttpRouter()
                .route("GET /products", mapped(this::list))
                .route("GET /products/{sku}", mapped(this::get))
                .route("PUT /products/{sku}", mapped(this::put))
                .route("POST /products/{sku}/restock", mapped(this::restock))
                .route("GET /products/{sku}/stock", mapped(this::stock));
    }

    /** The use cases' outcomes as HTTP problems. */
    private static Function<HttpApiRequest, HttpApiResponse> mapped(Function<HttpApiRequest, HttpApiResponse> route) {
        return request -> {
            try {
                return route.apply(request);
            } catch (ProductNotFoundException e) {
                throw ApiException.notFound("product not found");
            } catch (RestockKeyReusedException e) {
                throw ApiException.unprocessable(IDEMPOTENCY_KEY, "this Idempotency-Key was already used for a different restock");
            }
        };
    }

    HttpApiResponse list(HttpApiRequest request) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        service.list().forEach(v -> items.add(toJson(v)));
        return HttpApiResponse.json(200, body);
    }

    HttpApiResponse get(HttpApiRequest request) {
        String sku = Limits.sku(request.pathParameter("sku"), "sku");
        return HttpApiResponse.json(200, toJson(service.get(sku)));
    }

    HttpApiResponse put(HttpApiRequest request) {
        request.requireAdmin();
        String sku = Limits.sku(request.pathParameter("sku"), "sku");
        JsonNode body = Body.object(request);
        Body.onlyFields(body, "", Set.of("name", "price", "currency", "sku"));
        if (body.has("sku") && !sku.equals(body.get("sku").asText())) {
            throw ApiException.badRequest("sku", "sku in the body must match the path");
        }
        String name = Body.requireString(body, "", "name", 200, Limits.NAME, "must not contain control characters");
        long price = Body.requireInteger(body, "", "price", 0, Limits.MAX_PRICE);
        String currency = Body.requireString(body, "", "currency", 3, Limits.CURRENCY, "must be an ISO 4217 code such as EUR");
        if (!Limits.isCurrency(currency)) {
            throw ApiException.badRequest("currency", "currency must be an ISO 4217 code such as EUR");
        }
        boolean created = service.put(new Product(sku, name, price, currency));
        return HttpApiResponse.json(created ? 201 : 200, toJson(service.get(sku)));
    }

    HttpApiResponse restock(HttpApiRequest request) {
        request.requireAdmin();
        String sku = Limits.sku(request.pathParameter("sku"), "sku");
        JsonNode body = Body.object(request);
        Body.onlyFields(body, "", Set.of("quantity"));
        long quantity = Body.requireInteger(body, "", "quantity", 1, Limits.MAX_RESTOCK_QUANTITY);
        var key = request.header("idempotency-key");
        if (key.isEmpty()) {
            return HttpApiResponse.json(200, toJson(service.restock(sku, quantity, null)));
        }
        if (!Limits.IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw ApiException.badRequest(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 128 visible ASCII characters");
        }
        String subject = request.requireCaller().subject();
        String scope = DerivedIds.key(DerivedIds.Scope.RESTOCK, subject, key.get());
        // the work itself is safe to run again (a retry after an unknown outcome): the restock is applied once per key
        String restockId = DerivedIds.restockId(subject, key.get());
        try {
            var outcome = idempotency.execute(scope, sku + "|" + quantity,
                    () -> Json.write(toJson(service.restock(sku, quantity, restockId))));
            return new HttpApiResponse(200, java.util.Map.of("content-type", HttpApiResponse.JSON), outcome.response());
        } catch (IdempotencyKeyMismatchException e) {
            throw ApiException.unprocessable(IDEMPOTENCY_KEY, e.getMessage());
        } catch (IdempotencyInProgressException e) {
            throw ApiException.conflict(e.getMessage(), e.retryAfter());
        }
    }

    /** Admin only: this region's allocation and every region's this replica holds. */
    HttpApiResponse stock(HttpApiRequest request) {
        request.requireAdmin();
        String sku = Limits.sku(request.pathParameter("sku"), "sku");
        ProductsService.StockView view = service.stock(sku);
        ObjectNode body = Json.object();
        body.put("sku", view.sku());
        body.put("region", view.region());
        body.set("allocation", toJson(view.allocation()));
        ObjectNode regions = body.putObject("regions");
        view.regions().forEach((region, stock) -> regions.set(region, toJson(stock)));
        return HttpApiResponse.json(200, body);
    }

    static ObjectNode toJson(Stock stock) {
        ObjectNode node = Json.object();
        node.put("restocked", stock.restocked());
        node.put("available", stock.available());
        node.put("reserved", stock.reserved());
        node.put("sold", stock.sold());
        node.put("sentOut", stock.sentOut());
        node.put("receivedIn", stock.receivedIn());
        return node;
    }

    static ObjectNode toJson(ProductView view) {
        ObjectNode node = Json.object();
        node.put("sku", view.product().sku());
        node.put("name", view.product().name());
        node.put("price", view.product().price());
        node.put("currency", view.product().currency());
        node.put("available", view.stock().available());
        node.put("reserved", view.stock().reserved());
        node.put("sold", view.stock().sold());
        node.put("restocked", view.stock().restocked());
        return node;
    }
}
