package io.hashfence.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-26T14:01:00Z");
    private final TelemetryCodec codec = new TelemetryCodec(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(strings = {Examples.ANTMINER_S19, Examples.XMRIG_IRKUTSK, Examples.MINIMAL})
    void everyExampleIsValidAndSurvivesARoundTrip(String example) {
        Telemetry decoded = valid(codec.decode(Examples.bytes(example)));
        Telemetry again = valid(codec.decode(codec.encode(decoded)));
        assertThat(again).isEqualTo(decoded);
    }

    @Test
    void decodesEveryFieldOfTheFullExample() {
        Telemetry t = valid(codec.decode(Examples.bytes(Examples.ANTMINER_S19)));
        assertThat(t.site()).isEqualTo(SiteId.of("texas-rockdale-01"));
        assertThat(t.rig()).isEqualTo(RigId.of("s19pro-0007"));
        assertThat(t.time()).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
        assertThat(t.seq()).isEqualTo(1764165600000L);
        assertThat(t.miner())
                .isEqualTo(new Miner("bmminer", "Antminer S19 Pro", "Antminer-S19-Pro-20230412", MinerStatus.MINING));
        assertThat(t.hashrate()).isEqualTo(1.1032e14);
        assertThat(t.power()).isEqualTo(new PowerReading(3247.5, PowerSource.MINER));
        assertThat(t.temperatures()).hasSize(3).first().isEqualTo(new Temperature("chain0_chip", 71.0));
        assertThat(t.fans()).containsExactly(new Fan("fan0", 5520), new Fan("fan1", 5460));
        assertThat(t.pools())
                .first()
                .isEqualTo(new Pool("stratum+tcp://btc.example-pool.com:3333", "hashfence.s19pro0007", true));
        assertThat(t.location())
                .isEqualTo(new Location(
                        30.6557, -97.0017, LocationSource.STATIC, 50.0, Instant.parse("2026-11-20T09:00:00Z"), false));
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void minimalMessageHasNoOptionalParts() {
        Telemetry t = valid(codec.decode(Examples.bytes(Examples.MINIMAL)));
        assertThat(t.power()).isNull();
        assertThat(t.location()).isNull();
        assertThat(t.interval()).isNull();
        assertThat(t.temperatures()).isEmpty();
        assertThat(t.miner().model()).isNull();
    }

    @Test
    void topicMustNameTheSameSiteAndRigAsThePayload() {
        byte[] payload = Examples.bytes(Examples.ANTMINER_S19);
        assertThat(codec.decode(payload, new Topic.Telemetry(SiteId.of("texas-rockdale-01"), RigId.of("s19pro-0007"))))
                .isInstanceOf(Decoded.Valid.class);
        assertThat(invalid(codec.decode(
                                payload, new Topic.Telemetry(SiteId.of("texas-rockdale-01"), RigId.of("other-rig"))))
                        .violation())
                .isEqualTo(Violation.TOPIC_MISMATCH);
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                bad("not json at all", Violation.MALFORMED_JSON, ""),
                bad("[1,2,3]", Violation.WRONG_TYPE, ""),
                bad("{\"schema_version\":1,\"site\":\"a\",\"site\":\"b\"}", Violation.MALFORMED_JSON, ""),
                bad(
                        "{\"schema_version\":1,\"location\":{\"lat\":1,\"lon\":2,\"lat\":3}}",
                        Violation.MALFORMED_JSON,
                        ""),
                edit(m -> m.put("schema_version", 2), Violation.UNKNOWN_SCHEMA_VERSION, "schema_version"),
                edit(m -> m.remove("schema_version"), Violation.MISSING_FIELD, "schema_version"),
                edit(m -> m.remove("rig"), Violation.MISSING_FIELD, "rig"),
                edit(m -> m.remove("miner"), Violation.MISSING_FIELD, "miner"),
                edit(m -> ((ObjectNode) m.get("miner")).remove("status"), Violation.MISSING_FIELD, "miner.status"),
                edit(m -> m.put("site", "bad site!"), Violation.INVALID_ID, "site"),
                edit(m -> m.put("rig", "r".repeat(65)), Violation.INVALID_ID, "rig"),
                edit(m -> m.put("hashrate_hs", "fast"), Violation.WRONG_TYPE, "hashrate_hs"),
                edit(m -> m.put("hashrate_hs", -1.0), Violation.OUT_OF_RANGE, "hashrate_hs"),
                edit(m -> m.put("hashrate_hs", Double.NaN), Violation.NOT_FINITE, "hashrate_hs"),
                edit(m -> ((ObjectNode) m.get("power")).put("watts", -5), Violation.OUT_OF_RANGE, "power.watts"),
                edit(
                        m -> ((ObjectNode) m.get("power")).put("source", "psychic"),
                        Violation.OUT_OF_RANGE,
                        "power.source"),
                edit(
                        m -> ((ObjectNode) m.get("location")).put("lat", Double.NaN),
                        Violation.NOT_FINITE,
                        "location.lat"),
                edit(m -> ((ObjectNode) m.get("location")).put("lat", 90.5), Violation.OUT_OF_RANGE, "location.lat"),
                edit(m -> ((ObjectNode) m.get("location")).put("lon", -180.01), Violation.OUT_OF_RANGE, "location.lon"),
                edit(
                        m -> ((ObjectNode) m.get("location")).put("lon", Double.POSITIVE_INFINITY),
                        Violation.NOT_FINITE,
                        "location.lon"),
                edit(m -> m.put("time", "2026-11-26T14:06:01Z"), Violation.FUTURE_TIMESTAMP, "time"),
                edit(m -> m.put("time", "yesterday"), Violation.WRONG_TYPE, "time"),
                edit(m -> m.put("time", "1999-12-31T23:59:59Z"), Violation.OUT_OF_RANGE, "time"),
                edit(
                        m -> ((ObjectNode) m.get("location")).put("fix_time", "2099-01-01T00:00:00Z"),
                        Violation.FUTURE_TIMESTAMP,
                        "location.fix_time"),
                edit(
                        m -> ((ObjectNode) m.get("location")).put("fix_time", "-999999999-01-01T00:00:00Z"),
                        Violation.OUT_OF_RANGE,
                        "location.fix_time"),
                bad(
                        new String(Examples.bytes(Examples.MINIMAL), StandardCharsets.UTF_8) + " trailing",
                        Violation.MALFORMED_JSON,
                        ""),
                edit(m -> m.put("seq", -1), Violation.OUT_OF_RANGE, "seq"),
                edit(m -> m.put("seq", 1.5), Violation.WRONG_TYPE, "seq"),
                edit(
                        m -> m.putArray("pools").add(m.objectNode().put("url", "x")),
                        Violation.MISSING_FIELD,
                        "pools[0].user"),
                edit(
                        m -> m.putArray("pools").add(pool(m).put("address", "pool.example.com")),
                        Violation.WRONG_TYPE,
                        "pools[0].address"),
                edit(
                        m -> m.putArray("pools").add(pool(m).put("address", "203.0.113.256")),
                        Violation.WRONG_TYPE,
                        "pools[0].address"),
                edit(
                        m -> m.putArray("pools").add(pool(m).put("address", "203.0.113.010")),
                        Violation.WRONG_TYPE,
                        "pools[0].address"),
                edit(
                        m -> m.putArray("pools").add(pool(m).put("address", 3405803786L)),
                        Violation.WRONG_TYPE,
                        "pools[0].address"),
                edit(
                        m -> {
                            var fans = m.putArray("fans");
                            for (int i = 0; i <= Limits.MAX_FANS; i++) {
                                fans.add(m.objectNode().put("name", "f" + i).put("rpm", 1000));
                            }
                        },
                        Violation.TOO_LARGE,
                        "fans"),
                edit(
                        m -> ((ObjectNode) m.get("miner")).put("model", "x".repeat(Limits.MAX_TEXT_LENGTH + 1)),
                        Violation.TOO_LARGE,
                        "miner.model"),
                bad(
                        new String(Examples.bytes(Examples.MINIMAL), StandardCharsets.UTF_8)
                                .replace("\"hashrate_hs\": 0", "\"hashrate_hs\": NaN"),
                        Violation.NOT_FINITE,
                        "hashrate_hs"),
                bad("{\"a\":".repeat(40) + "1" + "}".repeat(40), Violation.MALFORMED_JSON, ""));
    }

    @ParameterizedTest(name = "{1} at \"{2}\"")
    @MethodSource("badMessages")
    void refusesBadMessagesNamingTheRuleAndTheField(byte[] payload, Violation violation, String field) {
        Decoded.Invalid<Telemetry> invalid = invalid(codec.decode(payload));
        assertThat(invalid.violation()).isEqualTo(violation);
        assertThat(invalid.field()).isEqualTo(field);
        if (!field.isEmpty()) {
            assertThat(invalid.detail()).contains(field);
        }
    }

    @Test
    void aPoolMayCarryTheIpAddressItsHostResolvedTo() {
        ObjectNode message = example();
        message.putArray("pools")
                .add(pool(message).put("address", "203.0.113.10"))
                .add(pool(message).put("address", "2001:db8::7").put("active", false))
                .add(pool(message).put("active", false));
        Telemetry t = valid(codec.decode(bytes(message)));
        assertThat(t.pools()).extracting(Pool::address).containsExactly("203.0.113.10", "2001:db8::7", null);
        assertThat(valid(codec.decode(codec.encode(t)))).isEqualTo(t);
        assertThat(new String(codec.encode(t), StandardCharsets.UTF_8))
                .contains("\"address\":\"2001:db8::7\"")
                .doesNotContain("\"address\":null");
    }

    private static ObjectNode pool(ObjectNode message) {
        return message.objectNode()
                .put("url", "stratum+tcp://pool.example.com:3333")
                .put("user", "wallet.rig1")
                .put("active", true);
    }

    @Test
    void timestampsAtTheSkewLimitAreAccepted() {
        ObjectNode message = example();
        message.put("time", NOW.plus(Limits.MAX_CLOCK_SKEW).toString());
        assertThat(codec.decode(bytes(message))).isInstanceOf(Decoded.Valid.class);
    }

    private static Arguments bad(String payload, Violation violation, String field) {
        return Arguments.of(payload.getBytes(StandardCharsets.UTF_8), violation, field);
    }

    private static Arguments edit(Consumer<ObjectNode> change, Violation violation, String field) {
        ObjectNode message = example();
        change.accept(message);
        return Arguments.of(bytes(message), violation, field);
    }

    private static ObjectNode example() {
        try {
            return (ObjectNode) Json.Reader.MAPPER.readTree(Examples.bytes(Examples.ANTMINER_S19));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode message) {
        try {
            return Json.Reader.MAPPER.writeValueAsBytes(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T valid(Decoded<T> decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Valid.class);
        return ((Decoded.Valid<T>) decoded).value();
    }

    private static <T> Decoded.Invalid<T> invalid(Decoded<T> decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        return (Decoded.Invalid<T>) decoded;
    }

    @Test
    void siteStatusExamplesDecode() {
        SiteStatusCodec statusCodec = new SiteStatusCodec();
        Decoded<SiteStatus> online = statusCodec.decode(Examples.bytes(Examples.STATUS_ONLINE));
        assertThat(valid(online).state()).isEqualTo(AgentState.ONLINE);
        assertThat(valid(statusCodec.decode(Examples.bytes(Examples.STATUS_OFFLINE_WILL)))
                        .state())
                .isEqualTo(AgentState.OFFLINE);
        SiteStatus status = valid(online);
        assertThat(valid(statusCodec.decode(statusCodec.encode(status)))).isEqualTo(status);
        assertThat(List.of(statusCodec.decode("{}".getBytes(StandardCharsets.UTF_8))))
                .first()
                .isInstanceOf(Decoded.Invalid.class);
    }
}
