package dev.meridian.cli;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.template.TemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime refuses to start, naming resource and feature, rather than silently skipping what it cannot do. */
class UnsupportedTemplateTest {

    @Test
    void start_shouldFailNamingResourceAndFeature_whenTheTemplateUsesAnUnsupportedFeature(@TempDir Path dir) throws Exception {
        // given
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                  Stream:
                    Type: AWS::Kinesis::Stream
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.meridian.emulator.testfn.RecordingHandler::handleRequest
                      Events:
                        Clicks:
                          Type: Kinesis
                          Properties:
                            Stream: !GetAtt Stream.Arn
                            StartingPosition: LATEST
                """);

        // when / then: nothing starts (no engine, no port)
        assertThatThrownBy(() -> Emulator.start(EmulatorOptions.builder().template(template).anyFreePort().build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Stream (AWS::Kinesis::Stream): resource type AWS::Kinesis::Stream is not supported")
                .hasMessageContaining("Worker (AWS::Serverless::Function): event Clicks (Kinesis): event source type Kinesis")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Topic"));
    }

    @Test
    void start_shouldNameTheFunction_whenItsHandlerIsNotOnTheClasspathOrHasNoEnvironmentConstructor(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Missing:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: com.example.Nope::handleRequest
                  NoEnvConstructor:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.meridian.cli.UnsupportedTemplateTest$NotAHandler::handleRequest
                """);
        assertThatThrownBy(() -> Emulator.start(EmulatorOptions.builder().template(template).anyFreePort().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Missing (handler com.example.Nope::handleRequest): class not found")
                .hasMessageContaining("NoEnvConstructor (handler dev.meridian.cli.UnsupportedTemplateTest$NotAHandler::handleRequest): does not implement RequestStreamHandler");
    }

    /** Not a handler. */
    public static final class NotAHandler {
    }

    @Test
    void main_shouldExitWith1AndPrintTheProblems_whenTheTemplateIsUnsupported(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      DefinitionBody: {openapi: "3.0.1"}
                """);
        var err = new java.io.ByteArrayOutputStream();
        var previous = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertThat(Main.run(new String[]{"local", "--port", "0", "--template", template.toString()})).isEqualTo(1);
        } finally {
            System.setErr(previous);
        }
        assertThat(err.toString()).contains("Api (AWS::Serverless::HttpApi): OpenAPI DefinitionBody/DefinitionUri");
    }

    @Test
    void main_shouldPrintUsage_forAnUnknownOption() {
        assertThat(Main.run(new String[]{"token", "--user"})).isEqualTo(2);
        assertThat(Main.run(new String[]{"nope"})).isEqualTo(2);
        assertThat(Main.run(new String[]{"help"})).isEqualTo(0);
    }
}
