package io.hashfence.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Decoding never throws and never lets an invalid message through: whatever the bytes, the answer is
 * Valid (and then re-encodes to a Valid message with the same content) or Invalid with a named rule.
 */
class TelemetryDecodingFuzzTest {
    private static final TelemetryCodec CODEC =
            new TelemetryCodec(Clock.fixed(Instant.parse("2026-11-26T14:01:00Z"), ZoneOffset.UTC));
    private static final SiteStatusCodec STATUS = new SiteStatusCodec();

    @FuzzTest(maxDuration = "20s")
    void anyBytes(byte[] payload) {
        Decoded<Telemetry> decoded = CODEC.decode(payload);
        if (decoded instanceof Decoded.Valid<Telemetry> valid) {
            Decoded<Telemetry> again = CODEC.decode(CODEC.encode(valid.value()));
            assertThat(again).isInstanceOf(Decoded.Valid.class);
            assertThat(((Decoded.Valid<Telemetry>) again).value()).isEqualTo(valid.value());
        } else {
            Decoded.Invalid<Telemetry> invalid = (Decoded.Invalid<Telemetry>) decoded;
            assertThat(invalid.violation()).isNotNull();
            assertThat(invalid.detail()).isNotBlank();
        }
        assertThat(STATUS.decode(payload)).isNotNull();
    }
}
