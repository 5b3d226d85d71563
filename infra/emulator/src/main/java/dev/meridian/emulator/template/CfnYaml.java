package dev.meridian.emulator.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation / SAM template written in YAML, turning the short-form tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) into their long form
 * ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}, ...), so the resolver sees one shape.
 */
public final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "Not", "And", "Or",
            "Length", "ToJsonString");

    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        try {
            return (Map<String, Object>) parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file.toAbsolutePath(), e);
        }
    }

    public static Object parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new CfnConstructor(options)).load(yaml);
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Short("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Short("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Short("Fn::" + fn));
            }
        }

        private final class Short extends AbstractConstruct {
            private final String key;

            Short(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    if (key.equals("Fn::GetAtt")) {
                        int dot = text.indexOf('.');
                        value = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                    } else {
                        value = text;
                    }
                } else if (node instanceof SequenceNode sequence) {
                    value = new ArrayList<>(constructSequence(sequence));
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
