package dev.meridian.emulator.template;

import dev.meridian.emulator.template.Specs.HttpApi;
import dev.meridian.emulator.template.Specs.JwtAuthorizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meridian.emulator.template.TemplateValues.list;
import static dev.meridian.emulator.template.TemplateValues.map;
import static dev.meridian.emulator.template.TemplateValues.merge;
import static dev.meridian.emulator.template.TemplateValues.str;
import static dev.meridian.emulator.template.TemplateValues.strings;

/** {@code AWS::Serverless::HttpApi} (with Globals.HttpApi): JWT authorizers and CORS. */
final class HttpApiReader extends ResourceReader {

    HttpApiReader(Reading reading) {
        super(reading);
    }

    void httpApi(String id, Map<String, Object> ownProps) {
        Map<String, Object> props = merge(globalHttpApi, ownProps);
        if (props.containsKey("DefinitionBody") || props.containsKey("DefinitionUri")) {
            throw new IllegalArgumentException("OpenAPI DefinitionBody/DefinitionUri (declare routes as function HttpApi events)");
        }
        Map<String, Object> auth = map(props.get("Auth"));
        Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
        for (var e : map(auth.get("Authorizers")).entrySet()) {
            Map<String, Object> a = map(e.getValue());
            if (a.containsKey("FunctionArn")) {
                throw new IllegalArgumentException("Lambda authorizer " + e.getKey() + " (only JWT authorizers are supported)");
            }
            Map<String, Object> jwt = map(resolve(a.get("JwtConfiguration")));
            List<String> audiences = new ArrayList<>();
            list(jwt.get("audience")).forEach(x -> audiences.add(String.valueOf(x)));
            String identitySource = a.containsKey("IdentitySource") ? intrinsics.string(a.get("IdentitySource")) : "$request.header.Authorization";
            if (!identitySource.startsWith("$request.header.")) {
                throw new IllegalArgumentException("authorizer " + e.getKey() + ": IdentitySource " + identitySource + " (only $request.header.<name>)");
            }
            authorizers.put(e.getKey(), new JwtAuthorizer(e.getKey(), identitySource, str(jwt.get("issuer")), audiences));
        }
        String defaultAuthorizer = auth.containsKey("DefaultAuthorizer") ? intrinsics.string(auth.get("DefaultAuthorizer")) : null;
        if (Boolean.parseBoolean(String.valueOf(auth.get("EnableIamAuthorizer")))) {
            throw new IllegalArgumentException("EnableIamAuthorizer (IAM authorization)");
        }
        if (defaultAuthorizer != null && !authorizers.containsKey(defaultAuthorizer)) {
            throw new IllegalArgumentException("DefaultAuthorizer " + defaultAuthorizer + " is not declared under Auth.Authorizers");
        }
        apis.put(id, new HttpApi(id, References.apiId(id), authorizers, defaultAuthorizer, cors(resolve(props.get("CorsConfiguration")))));
    }

    private static Specs.Cors cors(Object raw) {
        if (raw == null || Boolean.FALSE.equals(raw) || "false".equals(String.valueOf(raw))) {
            return null;
        }
        if (Boolean.TRUE.equals(raw) || "true".equals(String.valueOf(raw))) {
            return new Specs.Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        }
        Map<String, Object> c = map(raw);
        Object maxAge = c.get("MaxAge");
        return new Specs.Cors(strings(c.get("AllowOrigins")), strings(c.get("AllowHeaders")), strings(c.get("AllowMethods")),
                strings(c.get("ExposeHeaders")), maxAge == null ? null : Integer.parseInt(String.valueOf(maxAge)),
                Boolean.parseBoolean(String.valueOf(c.get("AllowCredentials"))));
    }
}
