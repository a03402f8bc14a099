package io.hashfence.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {

    @Test
    void formatsAndParsesEveryTopicKind() {
        SiteId site = SiteId.of("texas-01");
        Topic telemetry = new Topic.Telemetry(site, RigId.of("s19.0001"));
        assertThat(telemetry.name()).isEqualTo("hashfence/v1/texas-01/s19.0001/telemetry");
        assertThat(Topic.parse(telemetry.name())).contains(telemetry);
        assertThat(Topic.parse("hashfence/v1/texas-01/status")).contains(new Topic.Status(site));
        assertThat(Topic.parse("hashfence/v1/texas-01/command")).contains(new Topic.Command(site));
        assertThat(Topic.sitePrefix(site)).isEqualTo("hashfence/v1/texas-01/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "hashfence/v1/",
                "hashfence/v2/site/rig/telemetry",
                "hashfence/v1/site/rig/telemetry/extra",
                "hashfence/v1/si te/rig/telemetry",
                "hashfence/v1/site/+/telemetry",
                "hashfence/v1/site/#",
                "hashfence/v1/site//telemetry",
                "hashfence/v1/../rig/telemetry",
                "hashfence/v1/site/./telemetry",
                "hashfence/v1/site/rig/status",
                "other/v1/site/status"
            })
    void refusesNamesOutsideTheLayout(String name) {
        assertThat(Topic.parse(name)).isEmpty();
    }

    @Test
    void idsFollowTheRule() {
        assertThat(Ids.isValid("a")).isTrue();
        assertThat(Ids.isValid("A-z_0.9")).isTrue();
        assertThat(Ids.isValid("x".repeat(64))).isTrue();
        assertThat(Ids.isValid("x".repeat(65))).isFalse();
        assertThat(Ids.isValid("")).isFalse();
        assertThat(Ids.isValid("a/b")).isFalse();
        assertThat(Ids.isValid("é")).isFalse();
        assertThat(Ids.isValid(".")).isFalse();
        assertThat(Ids.isValid("..")).isFalse();
        assertThat(Ids.isValid("...")).isTrue();
        assertThat(Ids.isValid(".hidden")).isTrue();
    }
}
