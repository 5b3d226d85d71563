package dev.meridian.emulator.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackModelTest {

    @SuppressWarnings("unchecked")
    static StackModel load(String yaml, Map<String, String> params) {
        return StackModel.load((Map<String, Object>) CfnYaml.parse(yaml), params, "stack", "eu-west-1", Specs.Endpoints.placeholder());
    }

    static final String BASE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage: {Type: String, Default: dev}
              Sizes: {Type: CommaDelimitedList, Default: "s,m,l"}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              Either: !Or [!Condition IsProd, !Equals [a, a]]
              Both: !And [!Condition IsProd, !Condition Either]
            Mappings:
              Limits:
                dev: {max: "5"}
                prod: {max: "50"}
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub ${AWS::StackName}-${Stage}-t
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B::handleRequest
                  Runtime: java17
                  Environment:
                    Variables:
                      TABLE: !Ref Table
                      ARN: !GetAtt Table.Arn
                      STAGE_UPPER: !If [IsProd, PROD, !Sub "${Stage}-x"]
                      EITHER: !If [Either, "yes", "no"]
                      BOTH: !If [Both, "yes", "no"]
                      MAX: !FindInMap [Limits, !Ref Stage, max]
                      SECOND: !Select [1, !Ref Sizes]
                      JOINED: !Join [":", [!Ref AWS::Region, !Ref AWS::AccountId, !Select [0, !Split [",", "p,q"]]]]
                      LITERAL: !Sub "${!NotAVariable}"
                      ACCOUNT: !Sub
                        - "${A}/${AWS::Region}"
                        - A: !Ref AWS::AccountId
            """;

    @Test
    void load_shouldResolveIntrinsicsAndConditions_withParameterDefaults() {
        Map<String, String> env = load(BASE, Map.of()).functions().get("Fn").environment();
        assertThat(env).containsEntry("TABLE", "stack-dev-t")
                .containsEntry("ARN", "arn:aws:dynamodb:eu-west-1:000000000000:table/stack-dev-t")
                .containsEntry("STAGE_UPPER", "dev-x")
                .containsEntry("EITHER", "yes")
                .containsEntry("BOTH", "no")
                .containsEntry("MAX", "5")
                .containsEntry("SECOND", "m")
                .containsEntry("JOINED", "eu-west-1:000000000000:p")
                .containsEntry("LITERAL", "${NotAVariable}")
                .containsEntry("ACCOUNT", "000000000000/eu-west-1");
    }

    @Test
    void load_shouldApplyParameterOverrides() {
        Map<String, String> env = load(BASE, Map.of("Stage", "prod")).functions().get("Fn").environment();
        assertThat(env).containsEntry("STAGE_UPPER", "PROD").containsEntry("MAX", "50").containsEntry("TABLE", "stack-prod-t");
    }

    @Test
    void load_shouldReportEveryUnsupportedFeature_withItsResource() {
        String yaml = BASE + """
                  Machine:
                    Type: AWS::StepFunctions::StateMachine
                  Bucketed:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Environment:
                        Variables:
                          X: !ImportValue shared-thing
                      Events:
                        Upload:
                          Type: S3
                          Properties: {Bucket: b}
                        Nightly:
                          Type: Schedule
                          Properties: {Schedule: "cron(0 3 * * ? *)"}
                  Broken:
                    Type: AWS::DynamoDB::GlobalTable
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      StreamSpecification: {StreamViewType: EVERYTHING}
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                """;
        assertThatThrownBy(() -> load(yaml, Map.of()))
                .isInstanceOf(TemplateException.class)
                .satisfies(e -> assertThat(((TemplateException) e).problems()).containsExactlyInAnyOrder(
                        "Machine (AWS::StepFunctions::StateMachine): resource type AWS::StepFunctions::StateMachine is not supported",
                        "Bucketed (AWS::Serverless::Function): intrinsic function Fn::ImportValue",
                        "Broken (AWS::DynamoDB::GlobalTable): KeySchema is required"));
    }

    @Test
    void load_shouldNameTheEventAndFeature_whenAnEventSourceIsUnsupported() {
        String yaml = BASE + """
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Events:
                        Upload:
                          Type: S3
                          Properties: {Bucket: b}
                        Nightly:
                          Type: Schedule
                          Properties: {Schedule: "cron(0 3 * * ? *)"}
                  Bad:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      StreamSpecification: {StreamViewType: EVERYTHING}
                """;
        assertThatThrownBy(() -> load(yaml, Map.of()))
                .isInstanceOf(TemplateException.class)
                .satisfies(e -> assertThat(((TemplateException) e).problems()).containsExactlyInAnyOrder(
                        "Worker (AWS::Serverless::Function): event Upload (S3): event source type S3",
                        "Worker (AWS::Serverless::Function): event Nightly (Schedule): schedule expression cron(0 3 * * ? *) (only rate(N minute|minutes|hour|hours|day|days))",
                        "Bad (AWS::DynamoDB::Table): StreamViewType EVERYTHING is not one of " + java.util.Set.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY")));
    }

    @Test
    void load_shouldRefuseAnSqsMapping_whoseQueueVisibilityTimeoutIsShorterThanTheFunctionTimeout() {
        String yaml = BASE + """
                  Q:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 5}
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Timeout: 10
                      Events:
                        Work:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn}
                """;
        assertThatThrownBy(() -> load(yaml, Map.of())).hasMessageContaining(
                "Consumer (AWS::Serverless::Function): event Work (SQS): queue Q VisibilityTimeout 5 s is less than the function's Timeout 10 s");
    }

    @Test
    void load_shouldReadConcurrencySettings_reservedConcurrencyScalingConfigAndParallelizationFactor() {
        // GIVEN a consumer with reserved concurrency, an SQS mapping with a maximum concurrency, a stream mapping with a parallelization factor
        String yaml = BASE + """
                  Q:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 60}
                  Streamed:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      StreamSpecification: {StreamViewType: NEW_IMAGE}
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      ReservedConcurrentExecutions: 3
                      Events:
                        Work:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn, ScalingConfig: {MaximumConcurrency: 2}}
                        Changes:
                          Type: DynamoDB
                          Properties: {Stream: !GetAtt Streamed.StreamArn, StartingPosition: LATEST, ParallelizationFactor: 4}
                """;

        // WHEN the template is loaded
        StackModel model = load(yaml, Map.of());

        // THEN the settings are there, and absent ones are null / 1
        assertThat(model.functions().get("Consumer").reservedConcurrency()).isEqualTo(3);
        assertThat(model.functions().get("Fn").reservedConcurrency()).isNull();
        assertThat(model.sqsSources()).singleElement().satisfies(s -> assertThat(s.maximumConcurrency()).isEqualTo(2));
        assertThat(model.streamSources()).singleElement().satisfies(s -> assertThat(s.parallelizationFactor()).isEqualTo(4));
    }

    @Test
    void load_shouldRefuseConcurrencySettingsOutOfRange() {
        String yaml = BASE + """
                  Q:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 60}
                  Streamed:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      StreamSpecification: {StreamViewType: NEW_IMAGE}
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Events:
                        Work:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn, ScalingConfig: {MaximumConcurrency: 1}}
                        Changes:
                          Type: DynamoDB
                          Properties: {Stream: !GetAtt Streamed.StreamArn, StartingPosition: LATEST, ParallelizationFactor: 11}
                """;
        assertThatThrownBy(() -> load(yaml, Map.of()))
                .hasMessageContaining("Consumer (AWS::Serverless::Function): event Work (SQS): ScalingConfig.MaximumConcurrency 1 is out of range 2..1000")
                .hasMessageContaining("Consumer (AWS::Serverless::Function): event Changes (DynamoDB): ParallelizationFactor 11 is out of range 1..10");
    }

    @Test
    void load_shouldListResourcesWithoutLocalMeaning_once() {
        String yaml = BASE + """
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                  Role:
                    Type: AWS::IAM::Role
                  Pool:
                    Type: AWS::Cognito::UserPool
                """;
        assertThat(load(yaml, Map.of()).notEmulated()).containsExactly(
                "Alarm (AWS::CloudWatch::Alarm)", "Role (AWS::IAM::Role)", "Pool (AWS::Cognito::UserPool)");
    }

    @Test
    void load_shouldAskForAParameterWithoutDefault_onlyWhenAnEmulatedResourceUsesIt() {
        String onlyAlarm = BASE.replace("Parameters:\n", "Parameters:\n  AlarmEmail: {Type: String}\n") + """
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties: {AlarmDescription: !Ref AlarmEmail}
                """;
        assertThat(load(onlyAlarm, Map.of()).notEmulated()).containsExactly("Alarm (AWS::CloudWatch::Alarm)");

        String usedByFunction = BASE.replace("Parameters:\n", "Parameters:\n  AlarmEmail: {Type: String}\n")
                .replace("TABLE: !Ref Table", "TABLE: !Ref AlarmEmail");
        assertThatThrownBy(() -> load(usedByFunction, Map.of()))
                .hasMessageContaining("Fn (AWS::Serverless::Function): parameter AlarmEmail has no Default; pass --param AlarmEmail=VALUE");
        assertThat(load(usedByFunction, Map.of("AlarmEmail", "ops@example.com")).functions().get("Fn").environment())
                .containsEntry("TABLE", "ops@example.com");
    }

    @Test
    void load_shouldRejectAnUndeclaredParameterOverride() {
        assertThatThrownBy(() -> load(BASE, Map.of("Nope", "x"))).hasMessageContaining("parameter Nope");
    }
}
