package dev.meridian.emulator.engines;

import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template's tables, created in the DynamoDB engine (kept as they are when a data directory already has them). */
public final class Tables {

    private static final Logger LOG = LoggerFactory.getLogger("local");

    private Tables() {
    }

    /** Creates every table; its description (stream ARN and label) by logical id. */
    public static Map<String, TableDescription> create(StackModel model, DynamoDbClient dynamoDb) {
        Map<String, TableDescription> out = new LinkedHashMap<>();
        for (Specs.Table t : model.tables().values()) {
            var request = CreateTableRequest.builder()
                    .tableName(t.tableName())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keys(t.keySchema()))
                    .attributeDefinitions(t.attributeTypes().entrySet().stream()
                            .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build()).toList());
            if (!t.globalIndexes().isEmpty()) {
                request.globalSecondaryIndexes(t.globalIndexes().stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build()).toList());
            }
            if (!t.localIndexes().isEmpty()) {
                request.localSecondaryIndexes(t.localIndexes().stream().map(i -> LocalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build()).toList());
            }
            if (t.streamViewType() != null) {
                request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(t.streamViewType()).build());
            }
            try {
                dynamoDb.createTable(request.build());
            } catch (ResourceInUseException exists) {
                LOG.info("table {} exists in the data directory; kept as it is", t.tableName());
            } catch (RuntimeException e) {
                throw new IllegalStateException(t.logicalId() + " (" + t.type() + "): the DynamoDB engine refused the table: " + e.getMessage(), e);
            }
            if (t.ttlAttribute() != null) {
                try {
                    dynamoDb.updateTimeToLive(b -> b.tableName(t.tableName())
                            .timeToLiveSpecification(s -> s.attributeName(t.ttlAttribute()).enabled(true)));
                } catch (RuntimeException e) {
                    // already enabled (persistent data directory) or not supported: expiry is best effort in AWS too
                    LOG.debug("TTL on {}: {}", t.tableName(), e.getMessage());
                }
            }
            out.put(t.logicalId(), dynamoDb.describeTable(b -> b.tableName(t.tableName())).table());
        }
        return out;
    }

    private static List<KeySchemaElement> keys(List<Specs.KeyElement> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType()).build()).toList();
    }

    private static Projection projection(Specs.Index i) {
        var p = Projection.builder().projectionType(i.projectionType());
        if (!i.nonKeyAttributes().isEmpty()) {
            p.nonKeyAttributes(i.nonKeyAttributes());
        }
        return p.build();
    }
}
