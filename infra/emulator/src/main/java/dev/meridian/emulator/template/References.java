package dev.meridian.emulator.template;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.meridian.emulator.template.TemplateValues.map;

/**
 * Names and references: a resource's physical name, its ARNs and queue URL, which resource an ARN
 * names, and what {@code Ref} / {@code Fn::GetAtt} resolve to locally.
 */
final class References {

    private static final Set<String> NOT_EMULATED_PREFIXES = Set.of("AWS::IAM::", "AWS::KMS::", "AWS::CloudWatch::",
            "AWS::Logs::", "AWS::Cognito::", "AWS::Route53::", "AWS::CertificateManager::", "AWS::SNS::",
            "AWS::CloudFormation::", "AWS::XRay::");
    private static final Set<String> NOT_EMULATED = Set.of("AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion",
            "AWS::SQS::QueuePolicy", "AWS::Lambda::Permission", "AWS::Events::Archive", "AWS::ApiGatewayV2::ApiMapping",
            "AWS::ApiGatewayV2::DomainName", "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Events::EventBusPolicy",
            "AWS::Scheduler::ScheduleGroup", "AWS::Lambda::EventInvokeConfig");
    private static final Set<String> NOT_EMULATED_PREFIXES_EXTRA = Set.of("AWS::ApplicationAutoScaling::", "AWS::Budgets::");
    private final Reading reading;

    References(Reading reading) {
        this.reading = reading;
    }

    static boolean isNotEmulated(String type) {
        return NOT_EMULATED.contains(type) || NOT_EMULATED_PREFIXES.stream().anyMatch(type::startsWith)
                || NOT_EMULATED_PREFIXES_EXTRA.stream().anyMatch(type::startsWith);
    }

    static String apiId(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT);
    }

    String type(String id) {
        return String.valueOf(reading.resources.get(id).get("Type"));
    }

    /** The physical name of a resource: its declared name property, or a local default. */
    String name(String id) {
        Map<String, Object> props = map(reading.resources.get(id).get("Properties"));
        String type = type(id);
        String property = switch (type) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> "TableName";
            case "AWS::SQS::Queue" -> "QueueName";
            case "AWS::Events::EventBus", "AWS::Events::Rule" -> "Name";
            case "AWS::Serverless::Function" -> "FunctionName";
            default -> null;
        };
        String declared = property == null ? null : reading.intrinsics.string(props.get(property));
        if (declared != null) {
            return declared;
        }
        if (type.equals("AWS::SQS::Queue") && Boolean.parseBoolean(String.valueOf(reading.resolve(props.get("FifoQueue"))))) {
            return id + ".fifo";
        }
        return id;
    }

    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + reading.region + ":" + StackModel.ACCOUNT_ID + ":" + resource;
    }

    String streamArn(String tableName) {
        return arn("dynamodb", "table/" + tableName + "/stream/local");
    }

    String queueUrl(String queueName) {
        return reading.endpoints.sqs() + "/" + StackModel.ACCOUNT_ID + "/" + queueName;
    }

    String logicalIdByArn(String arn, String type) {
        if (arn == null) {
            return null;
        }
        for (String id : reading.resources.keySet()) {
            if (!type(id).equals(type) && !(type.equals("AWS::DynamoDB::Table") && type(id).equals("AWS::DynamoDB::GlobalTable"))) {
                continue;
            }
            String candidate = switch (type) {
                case "AWS::SQS::Queue" -> arn("sqs", name(id));
                case "AWS::Serverless::Function" -> arn("lambda", "function:" + name(id));
                default -> null;
            };
            if (arn.equals(candidate)) {
                return id;
            }
        }
        return null;
    }

    static String refTarget(Object raw) {
        if (raw instanceof Map<?, ?> m && m.containsKey("Ref")) {
            return String.valueOf(m.get("Ref"));
        }
        return null;
    }

    /** {@code Ref} and {@code Fn::GetAtt} as the emulator resolves them. */
    final class Scope implements Intrinsics.Scope {
        @Override
        public Object ref(String name) {
            switch (name) {
                case "AWS::Region":
                    return reading.region;
                case "AWS::AccountId":
                    return StackModel.ACCOUNT_ID;
                case "AWS::StackName":
                    return reading.stackName;
                case "AWS::StackId":
                    return arn("cloudformation", "stack/" + reading.stackName + "/local");
                case "AWS::Partition":
                    return "aws";
                case "AWS::URLSuffix":
                    return "amazonaws.com";
                case "AWS::NotificationARNs":
                    return new ArrayList<>();
                default:
                    break;
            }
            if (reading.parameters.declares(name)) {
                return reading.parameters.ref(name);
            }
            if (name.equals(StackModel.IMPLICIT_HTTP_API)) {
                return apiId(name);
            }
            if (!reading.resources.containsKey(name)) {
                throw new Intrinsics.Unsupported("Ref " + name + ": no such parameter or resource");
            }
            String type = type(name);
            return switch (type) {
                case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Events::EventBus", "AWS::Events::Rule",
                        "AWS::Serverless::Function" -> name(name);
                case "AWS::SQS::Queue" -> queueUrl(name(name));
                case "AWS::Serverless::HttpApi" -> apiId(name);
                case "AWS::Cognito::UserPoolClient" -> StackModel.LOCAL_CLIENT_ID;
                case "AWS::Cognito::UserPool" -> reading.region + "_local";
                default -> {
                    if (isNotEmulated(type)) {
                        yield "local-" + name;
                    }
                    throw new Intrinsics.Unsupported("Ref " + name + " of type " + type);
                }
            };
        }

        @Override
        public Object getAtt(String id, String attribute) {
            if (id.equals(StackModel.IMPLICIT_HTTP_API) && attribute.equals("ApiEndpoint")) {
                return reading.endpoints.api();
            }
            if (!reading.resources.containsKey(id)) {
                throw new Intrinsics.Unsupported("Fn::GetAtt " + id + "." + attribute + ": no such resource");
            }
            String type = type(id);
            String key = type + "." + attribute;
            switch (key) {
                case "AWS::DynamoDB::Table.Arn", "AWS::DynamoDB::GlobalTable.Arn":
                    return arn("dynamodb", "table/" + name(id));
                case "AWS::DynamoDB::Table.StreamArn", "AWS::DynamoDB::GlobalTable.StreamArn":
                    return streamArn(name(id));
                case "AWS::SQS::Queue.Arn":
                    return arn("sqs", name(id));
                case "AWS::SQS::Queue.QueueName":
                    return name(id);
                case "AWS::SQS::Queue.QueueUrl":
                    return queueUrl(name(id));
                case "AWS::Events::EventBus.Arn":
                    return arn("events", "event-bus/" + name(id));
                case "AWS::Events::EventBus.Name":
                    return name(id);
                case "AWS::Events::Rule.Arn":
                    return arn("events", "rule/" + name(id));
                case "AWS::Serverless::Function.Arn":
                    return arn("lambda", "function:" + name(id));
                case "AWS::Serverless::HttpApi.ApiEndpoint":
                    return reading.endpoints.api();
                case "AWS::Serverless::HttpApi.ApiId":
                    return apiId(id);
                case "AWS::Cognito::UserPool.ProviderURL":
                    return reading.endpoints.issuer();
                case "AWS::Cognito::UserPool.ProviderName":
                    return reading.endpoints.issuer().replaceFirst("^https?://", "");
                case "AWS::Cognito::UserPool.UserPoolId":
                    return reading.region + "_local";
                case "AWS::Cognito::UserPoolClient.ClientId":
                    return StackModel.LOCAL_CLIENT_ID;
                default:
                    break;
            }
            if (isNotEmulated(type)) {
                return attribute.equals("Arn") ? arn(type.split("::")[1].toLowerCase(Locale.ROOT), id) : "local-" + id + "-" + attribute;
            }
            throw new Intrinsics.Unsupported("Fn::GetAtt " + id + "." + attribute + " (" + type + ")");
        }
    }
}
