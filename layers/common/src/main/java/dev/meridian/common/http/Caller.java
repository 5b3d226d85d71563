package dev.meridian.common.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The signed-in caller, read from the HTTP API JWT authorizer's claims
 * ({@code requestContext.authorizer.jwt.claims}): {@code sub} and {@code cognito:groups}.
 *
 * <p>API Gateway renders list claims as a string such as {@code [admin other]}; the
 * local gateway may pass a JSON array. Both are accepted.
 */
public record Caller(String subject, Set<String> groups) {

    public static final String ADMIN_GROUP = "admin";
    /**
     * Longest subject accepted (Cognito's {@code sub} is a 36-character UUID, usernames at most
     * 128). The subject becomes part of DynamoDB keys (orders GSI, idempotency records), which
     * must stay under DynamoDB's 2048-byte key limit; a longer subject is no caller (401).
     */
    public static final int MAX_SUBJECT_LENGTH = 128;

    public Caller {
        groups = Set.copyOf(groups);
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    static Caller fromClaims(JsonNode claims) {
        if (claims == null || !claims.isObject()) {
            return null;
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || sub.asText().isBlank() || sub.asText().length() > MAX_SUBJECT_LENGTH) {
            return null;
        }
        return new Caller(sub.asText(), Set.copyOf(parseGroups(claims.get("cognito:groups"))));
    }

    private static List<String> parseGroups(JsonNode node) {
        List<String> groups = new ArrayList<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (node.isArray()) {
            node.forEach(n -> groups.add(n.asText()));
            return groups;
        }
        String text = node.asText().trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        for (String part : text.split("[,\\s]+")) {
            String group = part.trim();
            if (group.startsWith("\"") && group.endsWith("\"") && group.length() >= 2) {
                group = group.substring(1, group.length() - 1);
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }
}
