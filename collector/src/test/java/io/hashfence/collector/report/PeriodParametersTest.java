package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodParametersTest {
    private static final PeriodParameters QUERY = new PeriodParameters("from", "to");
    private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");

    @Test
    void missingEndsDefaultToNowAndThirtyDaysBeforeTheEnd() {
        assertThat(QUERY.parse(null, null, NOW))
                .isEqualTo(new ReportPeriod(Instant.parse("2026-10-27T15:00:00Z"), NOW));
        assertThat(QUERY.parse(null, "2026-11-01T00:00:00Z", NOW))
                .isEqualTo(
                        new ReportPeriod(Instant.parse("2026-10-02T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(QUERY.parse("2026-11-20T00:00:00Z", null, NOW))
                .isEqualTo(new ReportPeriod(Instant.parse("2026-11-20T00:00:00Z"), NOW));
    }

    @Test
    void offsetsAreConvertedToUtc() {
        assertThat(QUERY.parse("2026-11-01T02:00:00+02:00", "2026-11-01T00:00:00-05:00", NOW))
                .isEqualTo(
                        new ReportPeriod(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T05:00:00Z")));
    }

    @Test
    void errorsNameTheParameterAsTheCallerSpellsIt() {
        PeriodParameters cli = new PeriodParameters("--from", "--to");
        assertThatThrownBy(() -> cli.parse("2026-11-01", null, NOW))
                .hasMessageStartingWith("--from must be an RFC 3339 time");
        assertThatThrownBy(() -> cli.parse(null, "2026-11-01T00:00:00", NOW))
                .hasMessageStartingWith("--to must be an RFC 3339 time")
                .hasMessageContaining("got \"2026-11-01T00:00:00\"");
        assertThatThrownBy(() -> QUERY.parse("2026-11-26T15:00:00Z", null, NOW))
                .hasMessage("from (2026-11-26T15:00:00Z) must be before to (2026-11-26T15:00:00Z)");
    }
}
