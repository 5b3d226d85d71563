package dev.meridian.emulator.template;

import dev.meridian.emulator.template.Specs.Index;
import dev.meridian.emulator.template.Specs.KeyElement;
import dev.meridian.emulator.template.Specs.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.meridian.emulator.template.TemplateValues.list;
import static dev.meridian.emulator.template.TemplateValues.map;
import static dev.meridian.emulator.template.TemplateValues.str;

/** {@code AWS::DynamoDB::Table} and {@code AWS::DynamoDB::GlobalTable}: keys, indexes, stream, TTL. */
final class TableReader extends ResourceReader {

    private static final Set<String> STREAM_VIEW_TYPES = Set.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");

    TableReader(Reading reading) {
        super(reading);
    }

    void table(String id, String type, Map<String, Object> props) {
        List<KeyElement> keys = keySchema(props.get("KeySchema"), "KeySchema");
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object a : list(resolve(props.get("AttributeDefinitions")))) {
            Map<String, Object> m = map(a);
            attributeTypes.put(str(m.get("AttributeName")), str(m.get("AttributeType")));
        }
        List<Index> gsis = indexes(props.get("GlobalSecondaryIndexes"));
        List<Index> lsis = indexes(props.get("LocalSecondaryIndexes"));
        for (KeyElement k : keys) {
            if (!attributeTypes.containsKey(k.attribute())) {
                throw new IllegalArgumentException("key attribute " + k.attribute() + " has no AttributeDefinitions entry");
            }
        }
        Map<String, Object> stream = map(resolve(props.get("StreamSpecification")));
        String viewType = stream.isEmpty() ? null : str(stream.get("StreamViewType"));
        if (type.equals("AWS::DynamoDB::GlobalTable") && viewType == null && !list(resolve(props.get("Replicas"))).isEmpty()
                && list(resolve(props.get("Replicas"))).size() > 1) {
            throw new IllegalArgumentException("a GlobalTable with several replicas needs StreamSpecification");
        }
        if (viewType != null && !STREAM_VIEW_TYPES.contains(viewType)) {
            throw new IllegalArgumentException("StreamViewType " + viewType + " is not one of " + STREAM_VIEW_TYPES);
        }
        Map<String, Object> ttl = map(resolve(props.get("TimeToLiveSpecification")));
        String ttlAttribute = Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) ? str(ttl.get("AttributeName")) : null;
        tables.put(id, new Table(id, type, name(id), keys, attributeTypes, gsis, lsis, viewType, ttlAttribute));
    }

    private List<KeyElement> keySchema(Object raw, String what) {
        List<KeyElement> keys = new ArrayList<>();
        for (Object k : list(resolve(raw))) {
            Map<String, Object> m = map(k);
            keys.add(new KeyElement(str(m.get("AttributeName")), str(m.get("KeyType"))));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return keys;
    }

    private List<Index> indexes(Object raw) {
        List<Index> out = new ArrayList<>();
        for (Object i : list(resolve(raw))) {
            Map<String, Object> m = map(i);
            Map<String, Object> projection = map(m.get("Projection"));
            List<String> nonKey = new ArrayList<>();
            list(projection.get("NonKeyAttributes")).forEach(a -> nonKey.add(String.valueOf(a)));
            out.add(new Index(str(m.get("IndexName")), keySchema(m.get("KeySchema"), "KeySchema of index " + m.get("IndexName")),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")), nonKey));
        }
        return out;
    }
}
