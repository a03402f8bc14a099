package io.hashfence.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLogLineFormatTest {
    static final Instant TIME = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aLineIsTheHashOfItsJsonASpaceAndTheJsonInAFixedFieldOrder() {
        EventLogLineFormat.Encoded encoded = EventLogLineFormat.encode(
                7,
                TIME,
                EventType.RIG_FIRST_SEEN,
                "siberia-01",
                "s19-0001",
                AuditJson.object().put("state", "violation"),
                EventLogLineFormat.GENESIS);
        String json = "{\"seq\":7,\"time\":\"2026-11-26T12:00:00Z\",\"type\":\"rig_first_seen\","
                + "\"site\":\"siberia-01\",\"rig\":\"s19-0001\",\"data\":{\"state\":\"violation\"},"
                + "\"prev\":\"" + EventLogLineFormat.GENESIS + "\"}";
        assertThat(encoded.line()).isEqualTo(EventLogLineFormat.sha256(json) + " " + json);
        assertThat(encoded.hash()).isEqualTo(EventLogLineFormat.sha256(json));
    }

    @Test
    void fleetWideRecordsHaveNoSiteOrRig() {
        String line = EventLogLineFormat.encode(
                        1, TIME, EventType.POLICY_LOADED, null, null, AuditJson.object(), EventLogLineFormat.GENESIS)
                .line();
        assertThat(line).doesNotContain("\"site\"").doesNotContain("\"rig\"");
    }

    @Test
    void whatIsEncodedDecodesToTheSameEvent() throws Exception {
        EventLogLineFormat.Encoded encoded = EventLogLineFormat.encode(
                3,
                TIME,
                EventType.ALERT_OPENED,
                "site-a",
                "rig-b",
                AuditJson.object().put("id", "alert-1"),
                "ab".repeat(32));
        EventLogLineFormat.Line line = EventLogLineFormat.decode(encoded.line());
        assertThat(line.hashMatches()).isTrue();
        AuditEvent event = line.fields().event();
        assertThat(event)
                .isEqualTo(new AuditEvent(
                        3,
                        TIME,
                        EventType.ALERT_OPENED,
                        "site-a",
                        "rig-b",
                        AuditJson.object().put("id", "alert-1"),
                        "ab".repeat(32),
                        encoded.hash()));
    }

    @Test
    void anAlteredByteInTheJsonNoLongerMatchesTheHash() throws Exception {
        String line = EventLogLineFormat.encode(
                        1,
                        TIME,
                        EventType.POLICY_LOADED,
                        null,
                        null,
                        AuditJson.object().put("origin", "default"),
                        EventLogLineFormat.GENESIS)
                .line();
        assertThat(EventLogLineFormat.decode(line.replace("default", "defaulT")).hashMatches())
                .isFalse();
    }

    @Test
    void aLineWithoutAHashBeforeItsFirstSpaceIsNotARecordAndMayBeATornWrite() {
        assertThatThrownBy(() -> EventLogLineFormat.decode("abc {\"seq\":1}"))
                .isInstanceOf(EventLogLineFormat.Malformed.class)
                .hasMessage("not of the form HASH JSON")
                .satisfies(e -> assertThat(((EventLogLineFormat.Malformed) e).tornLike())
                        .isTrue());
    }

    @Test
    void unreadableJsonMayBeATornWriteButAnUnknownTypeIsNot() throws Exception {
        String hash = "0".repeat(EventLogLineFormat.HASH_LENGTH);
        assertThatThrownBy(
                        () -> EventLogLineFormat.decode(hash + " {\"seq\":1,").fields())
                .isInstanceOf(EventLogLineFormat.Malformed.class)
                .hasMessage("not valid JSON")
                .satisfies(e -> assertThat(((EventLogLineFormat.Malformed) e).tornLike())
                        .isTrue());
        EventLogLineFormat.Fields fields = EventLogLineFormat.decode(hash
                        + " {\"seq\":1,\"time\":\"2026-11-26T12:00:00Z\",\"type\":\"rig_teleported\",\"prev\":\"x\"}")
                .fields();
        assertThat(fields.seq()).isEqualTo(1);
        assertThatThrownBy(fields::event)
                .isInstanceOf(EventLogLineFormat.Malformed.class)
                .hasMessage("unknown event type rig_teleported")
                .satisfies(e -> assertThat(((EventLogLineFormat.Malformed) e).tornLike())
                        .isFalse());
    }
}
