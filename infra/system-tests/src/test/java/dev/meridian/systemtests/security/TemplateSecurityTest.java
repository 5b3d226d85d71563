package dev.meridian.systemtests.security;

import dev.meridian.emulator.template.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security controls template.yaml declares: who may call what (JWT authorizer by
 * default, public product reads only, the admin group), least-privilege inline policies
 * per function, KMS at rest for tables, queues and logs, and no secret anywhere in it.
 */
class TemplateSecurityTest {

    private static Map<String, Object> template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void read() {
        template = CfnYaml.read(Path.of(System.getProperty("meridian.root", "../.."), "template.yaml"));
        resources = map(template.get("Resources"));
    }

    @Test
    void httpApi_shouldRequireTheCognitoJwtByDefault_andLeaveOnlyProductReadsAndHealthPublic() {
        Map<String, Object> auth = map(map(map(resources.get("HttpApi")).get("Properties")).get("Auth"));
        assertThat(auth.get("DefaultAuthorizer")).isEqualTo("CognitoJwt");
        Map<String, Object> jwt = map(map(map(auth.get("Authorizers")).get("CognitoJwt")).get("JwtConfiguration"));
        assertThat(jwt).containsKeys("issuer", "audience");
        assertThat(map(map(auth.get("Authorizers")).get("CognitoJwt")).get("IdentitySource")).isEqualTo("$request.header.Authorization");
        Set<String> publicRoutes = new TreeSet<>();
        Set<String> allRoutes = new TreeSet<>();
        functions().forEach((id, props) -> map(props.getOrDefault("Events", Map.of())).values().forEach(e -> {
            Map<String, Object> event = map(e);
            if (!"HttpApi".equals(event.get("Type"))) {
                return;
            }
            Map<String, Object> p = map(event.get("Properties"));
            String route = p.get("Method") + " " + p.get("Path");
            allRoutes.add(route);
            Object authorizer = map(p.getOrDefault("Auth", Map.of())).get("Authorizer");
            if ("NONE".equals(authorizer)) {
                publicRoutes.add(route);
            } else {
                assertThat(authorizer).as(route + " uses the default authorizer").isNull();
            }
        }));
        // GET /health backs the Route 53 health checks (issue 12): no caller, reads nothing but a fixed key
        assertThat(publicRoutes).containsExactly("GET /health", "GET /products", "GET /products/{sku}");
        assertThat(allRoutes).containsExactlyInAnyOrder("GET /health", "GET /products", "GET /products/{sku}", "PUT /products/{sku}",
                "POST /products/{sku}/restock", "GET /products/{sku}/stock", "POST /orders", "GET /orders", "GET /orders/{orderId}", "POST /orders/{orderId}/cancel");
    }

    @Test
    void cognito_shouldHaveAnAdminGroup_andAPublicClientWithoutSecret() {
        assertThat(map(map(resources.get("AdminGroup")).get("Properties")).get("GroupName")).isEqualTo("admin");
        Map<String, Object> client = map(map(resources.get("UserPoolClient")).get("Properties"));
        assertThat(client.get("GenerateSecret")).isEqualTo(false);
        assertThat(client.get("PreventUserExistenceErrors")).isEqualTo("ENABLED");
        assertThat(String.valueOf(client.get("ExplicitAuthFlows"))).doesNotContain("ALLOW_USER_PASSWORD_AUTH");
    }

    @Test
    void everyFunction_shouldHaveItsOwnInlinePolicy_withNamedActionsOnNamedResources() {
        List<String> problems = new ArrayList<>();
        functions().forEach((id, props) -> {
            Object policies = props.get("Policies");
            if (!(policies instanceof List<?> list) || list.isEmpty()) {
                problems.add(id + " has no inline policy");
                return;
            }
            for (Object policy : list) {
                if (policy instanceof String managed) {
                    problems.add(id + " uses the managed policy " + managed);
                    continue;
                }
                for (Map<String, Object> statement : statements(policy)) {
                    List<Object> actions = statement.get("Action") instanceof List<?> l ? new ArrayList<>(l) : List.of(statement.get("Action"));
                    for (Object a : actions) {
                        if (String.valueOf(a).contains("*")) {
                            problems.add(id + " " + statement.get("Sid") + " grants a wildcard action " + a);
                        }
                    }
                    List<Object> res = statement.get("Resource") instanceof List<?> l ? new ArrayList<>(l) : List.of(statement.get("Resource"));
                    for (Object r : res) {
                        if ("*".equals(r)) {
                            problems.add(id + " " + statement.get("Sid") + " grants on Resource *");
                        }
                        if (String.valueOf(actions).contains("dynamodb:") && !String.valueOf(r).contains("${TablePrefix}-")) {
                            problems.add(id + " " + statement.get("Sid") + " names a table resource not under TablePrefix: " + r);
                        }
                    }
                    if ("Deny".equals(statement.get("Effect"))) {
                        continue;
                    }
                    assertThat(statement.get("Effect")).isEqualTo("Allow");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void tablesQueuesAndLogs_shouldBeEncryptedAtRest_withTheOptionalKmsKeyParameter() {
        assertThat(map(template.get("Parameters"))).containsKey("KmsKeyArn");
        List<String> problems = new ArrayList<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = map(r);
            Map<String, Object> props = map(resource.getOrDefault("Properties", Map.of()));
            String text = String.valueOf(props);
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::DynamoDB::GlobalTable", "AWS::DynamoDB::Table" -> {
                    Map<String, Object> sse = map(props.getOrDefault("SSESpecification", Map.of()));
                    if (!Boolean.TRUE.equals(sse.get("SSEEnabled")) || !"KMS".equals(sse.get("SSEType"))) {
                        problems.add(id + " is not SSE-KMS");
                    }
                    if (!text.contains("KmsKeyArn")) {
                        problems.add(id + " cannot use the KmsKeyArn key");
                    }
                }
                case "AWS::SQS::Queue" -> {
                    if (!props.containsKey("SqsManagedSseEnabled") || !props.containsKey("KmsMasterKeyId")) {
                        problems.add(id + " lacks SSE (SqsManagedSseEnabled or KmsMasterKeyId on KmsKeyArn)");
                    }
                }
                case "AWS::Logs::LogGroup" -> {
                    if (!props.containsKey("KmsKeyId")) {
                        problems.add(id + " cannot use the KmsKeyArn key");
                    }
                }
                default -> {
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(String.valueOf(map(map(template.get("Globals")).get("Function")).get("KmsKeyArn"))).contains("KmsKeyArn");
    }

    @Test
    void template_shouldHoldNoSecret_inParametersOrEnvironment() {
        Map<String, Object> env = map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        List<String> problems = new ArrayList<>();
        env.forEach((name, value) -> {
            String n = name.toUpperCase(Locale.ROOT);
            if (n.contains("SECRET") || n.contains("PASSWORD") || n.contains("TOKEN") || n.contains("API_KEY") || n.contains("CREDENTIAL")) {
                problems.add("environment variable " + name);
            }
        });
        functions().forEach((id, props) -> {
            Object own = map(map(props.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
            if (!map(own).isEmpty()) {
                map(own).keySet().forEach(k -> {
                    if (k.toUpperCase(Locale.ROOT).matches(".*(SECRET|PASSWORD|TOKEN|API_KEY|CREDENTIAL).*")) {
                        problems.add(id + " environment variable " + k);
                    }
                });
            }
        });
        map(template.get("Parameters")).forEach((name, p) -> {
            Object def = map(p).get("Default");
            if (name.toUpperCase(Locale.ROOT).matches(".*(SECRET|PASSWORD|TOKEN).*") && def != null && !String.valueOf(def).isEmpty()) {
                problems.add("parameter " + name + " has a default");
            }
        });
        String raw = String.valueOf(template);
        for (String marker : List.of("AKIA", "BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY", "aws_secret_access_key", "eyJ")) {
            if (raw.contains(marker)) {
                problems.add("the template contains " + marker);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        resources.forEach((id, r) -> {
            if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
                out.put(id, map(map(r).get("Properties")));
            }
        });
        return out;
    }

    /** The statements of an inline policy, including those behind an Fn::If on HasKmsKey. */
    private static List<Map<String, Object>> statements(Object policy) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> p = map(policy);
        if (p.containsKey("Fn::If")) {
            List<?> branches = (List<?>) p.get("Fn::If");
            for (Object branch : branches.subList(1, branches.size())) {
                if (branch instanceof Map<?, ?> m && m.containsKey("Statement")) {
                    out.addAll(statements(branch));
                }
            }
            return out;
        }
        for (Object s : (List<?>) p.get("Statement")) {
            out.add(map(s));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
