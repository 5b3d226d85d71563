package dev.meridian.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SizesTest {

    private static final List<String> TREE = List.of(
            "dev.meridian:meridian-bench:jar:0.1.0-SNAPSHOT",
            "+- dev.meridian:meridian-common:jar:0.1.0-SNAPSHOT:compile",
            "|  +- software.amazon.awssdk:dynamodb:jar:2.40.2:compile",
            "|  |  \\- software.amazon.awssdk:aws-json-protocol:jar:2.40.2:compile",
            "|  +- com.fasterxml.jackson.core:jackson-annotations:jar:2.23:compile",
            "|  \\- org.crac:crac:jar:1.5.0:compile",
            "+- dev.meridian:meridian-orders:jar:0.1.0-SNAPSHOT:compile",
            "+- dev.meridian:meridian-testkit:jar:0.1.0-SNAPSHOT:compile",
            "|  \\- com.almworks.sqlite4java:libsqlite4java-linux-amd64:so:1.0.392:compile",
            "|  \\- io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.118.Final:compile (optional)",
            "\\- org.junit.jupiter:junit-jupiter:jar:5.14.4:test");

    @Test
    void parseTree_shouldReadDepthsClassifiersAndScopes() {
        // when
        List<Sizes.Node> nodes = Sizes.parseTree(TREE);

        // then
        assertThat(nodes).hasSize(10);
        assertThat(nodes.get(0).depth()).isEqualTo(1);
        assertThat(nodes.get(2).depth()).isEqualTo(3);
        assertThat(nodes.get(2).fileName()).isEqualTo("aws-json-protocol-2.40.2.jar");
        assertThat(nodes.get(8).fileName()).isEqualTo("netty-transport-native-epoll-4.1.118.Final-linux-x86_64.jar");
        assertThat(nodes.get(9).scope()).isEqualTo("test");
    }

    @Test
    void subtree_shouldHoldTheLayer_andNothingOfTheOtherModules() {
        // when
        Set<String> layer = Sizes.subtree(Sizes.parseTree(TREE), Sizes.COMMON);

        // then
        assertThat(layer).containsExactlyInAnyOrder("meridian-common-0.1.0-SNAPSHOT.jar", "dynamodb-2.40.2.jar",
                "aws-json-protocol-2.40.2.jar", "jackson-annotations-2.23.jar", "crac-1.5.0.jar");
    }

    // regression: a direct dependency of the bench (apache-client) is nearer than the layer's own
    // copy of sdk utils, so Maven lists utils under it and only "omitted for duplicate" under common
    @Test
    void subtree_shouldFollowOmittedNodes_toTheirResolvedCopyAndItsChildren() {
        // given
        List<String> tree = List.of(
                "dev.meridian:meridian-bench:jar:0.1.0-SNAPSHOT",
                "+- dev.meridian:meridian-common:jar:0.1.0-SNAPSHOT:compile",
                "|  \\- software.amazon.awssdk:dynamodb:jar:2.40.2:compile",
                "|     \\- (software.amazon.awssdk:utils:jar:2.40.2:compile - version managed from 2.40.2; omitted for duplicate)",
                "+- software.amazon.awssdk:apache-client:jar:2.40.2:compile",
                "|  +- software.amazon.awssdk:utils:jar:2.40.2:compile",
                "|  |  \\- org.slf4j:slf4j-api:jar:2.0.20:compile",
                "|  \\- org.apache.httpcomponents:httpclient:jar:4.5.13:compile",
                "\\- org.slf4j:slf4j-simple:jar:2.0.20:compile");

        // when
        Set<String> layer = Sizes.subtree(Sizes.parseTree(tree), Sizes.COMMON);

        // then
        assertThat(layer).containsExactlyInAnyOrder("meridian-common-0.1.0-SNAPSHOT.jar", "dynamodb-2.40.2.jar",
                "utils-2.40.2.jar", "slf4j-api-2.0.20.jar");
    }

    @Test
    void select_shouldKeepClasspathOrder_andMatchByFileName() {
        List<Path> classpath = Sizes.splitClasspath("/r/crac-1.5.0.jar:/w/common/target/meridian-common-0.1.0-SNAPSHOT.jar:/r/other-1.jar");

        assertThat(Sizes.select(classpath, Set.of("meridian-common-0.1.0-SNAPSHOT.jar", "crac-1.5.0.jar")))
                .containsExactly(Path.of("/r/crac-1.5.0.jar"), Path.of("/w/common/target/meridian-common-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void isReactorJarOf_shouldMatchAModulesUnversionedJar_onlyToItsOwnVersionedName() {
        java.util.Set<String> names = java.util.Set.of("meridian-common-0.1.0-SNAPSHOT.jar", "jackson-core-2.23.0.jar");
        org.assertj.core.api.Assertions.assertThat(Sizes.isReactorJarOf("meridian-common.jar", names)).isTrue();
        org.assertj.core.api.Assertions.assertThat(Sizes.isReactorJarOf("meridian-orders.jar", names)).isFalse();
        org.assertj.core.api.Assertions.assertThat(Sizes.isReactorJarOf("jackson.jar", names)).isFalse();
        org.assertj.core.api.Assertions.assertThat(Sizes.isReactorJarOf("meridian-common", names)).isFalse();
    }
}
