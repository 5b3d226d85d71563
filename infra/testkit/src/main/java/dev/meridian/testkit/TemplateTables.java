package dev.meridian.testkit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates test tables exactly as {@code template.yaml} declares them: key schema, attribute
 * definitions, global secondary indexes and streams are read from the template's
 * {@code AWS::DynamoDB::Table} / {@code AWS::DynamoDB::GlobalTable} resources, so a table's
 * schema lives in one place. Only the name differs (tests isolate by unique names). TTL is left
 * off: tests run on hand-moved clocks whose timestamps the engine would otherwise expire.
 */
public final class TemplateTables {

    private static volatile Map<String, Map<String, Object>> tables;

    private TemplateTables() {
    }

    /** Creates the table of resource {@code logicalId} (for example {@code "InventoryTable"}) as {@code name}. */
    public static String create(DynamoDbClient dynamoDb, String logicalId, String name) {
        dynamoDb.createTable(request(logicalId, name));
        return name;
    }

    /** The CreateTable request for resource {@code logicalId}, named {@code name}. */
    public static CreateTableRequest request(String logicalId, String name) {
        Map<String, Object> properties = tables().get(logicalId);
        if (properties == null) {
            throw new IllegalArgumentException("template.yaml has no DynamoDB table resource " + logicalId
                    + "; it has " + tables().keySet());
        }
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
        b.attributeDefinitions(list(properties, "AttributeDefinitions").stream().map(a -> AttributeDefinition.builder()
                .attributeName(text(a, "AttributeName")).attributeType(text(a, "AttributeType")).build()).toList());
        b.keySchema(keys(list(properties, "KeySchema")));
        if (properties.containsKey("GlobalSecondaryIndexes")) {
            b.globalSecondaryIndexes(list(properties, "GlobalSecondaryIndexes").stream().map(i -> GlobalSecondaryIndex.builder()
                    .indexName(text(i, "IndexName"))
                    .keySchema(keys(list(i, "KeySchema")))
                    .projection(Projection.builder().projectionType(text(map(i, "Projection"), "ProjectionType")).build())
                    .build()).toList());
        }
        if (properties.containsKey("StreamSpecification")) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(text(map(properties, "StreamSpecification"), "StreamViewType")).build());
        }
        return b.build();
    }

    /** The logical ids of the template's DynamoDB tables. */
    public static java.util.Set<String> logicalIds() {
        return tables().keySet();
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder()
                .attributeName(text(k, "AttributeName")).keyType(text(k, "KeyType")).build()).toList();
    }

    private static Map<String, Map<String, Object>> tables() {
        if (tables == null) {
            synchronized (TemplateTables.class) {
                if (tables == null) {
                    tables = read(RepoFiles.resolve("template.yaml"));
                }
            }
        }
        return tables;
    }

    static Map<String, Map<String, Object>> read(Path template) {
        String yaml;
        try {
            yaml = Files.readString(template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
        Map<String, Object> root = cast(new Yaml(new IntrinsicsAsMaps()).load(yaml), template + " is not a mapping");
        Map<String, Object> resources = map(root, "Resources");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources.forEach((id, value) -> {
            Map<String, Object> resource = cast(value, "resource " + id + " is not a mapping");
            Object type = resource.get("Type");
            if ("AWS::DynamoDB::Table".equals(type) || "AWS::DynamoDB::GlobalTable".equals(type)) {
                out.put(id, map(resource, "Properties"));
            }
        });
        return Map.copyOf(out);
    }

    private static String text(Map<String, Object> node, String field) {
        Object value = node.get(field);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("template.yaml: " + field + " must be a plain string in " + node);
        }
        return s;
    }

    private static Map<String, Object> map(Map<String, Object> node, String field) {
        return cast(node.get(field), "template.yaml: " + field + " must be a mapping");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> node, String field) {
        Object value = node.get(field);
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("template.yaml: " + field + " must be a list");
        }
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value, String problem) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(problem);
        }
        return (Map<String, Object>) value;
    }

    /** Reads CloudFormation's short-form intrinsics ({@code !Ref x}) as one-entry maps ({@code {"!Ref": x}}). */
    private static final class IntrinsicsAsMaps extends SafeConstructor {
        IntrinsicsAsMaps() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(node.getTag().getValue(), value);
                }
            });
        }
    }
}
