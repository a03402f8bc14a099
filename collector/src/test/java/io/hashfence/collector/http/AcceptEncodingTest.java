package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    @Test
    void gzipIsWelcomeWhenNamedOrCoveredByTheWildcardWithAWeightAboveZero() {
        assertThat(AcceptEncoding.allowsGzip("gzip")).isTrue();
        assertThat(AcceptEncoding.allowsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(AcceptEncoding.allowsGzip("br, *")).isTrue();
        assertThat(AcceptEncoding.allowsGzip("x-gzip")).isTrue();
    }

    @Test
    void gzipIsNotWelcomeWhenAbsentRefusedOrWeighedZero() {
        assertThat(AcceptEncoding.allowsGzip(null)).isFalse();
        assertThat(AcceptEncoding.allowsGzip("")).isFalse();
        assertThat(AcceptEncoding.allowsGzip("identity, deflate")).isFalse();
        assertThat(AcceptEncoding.allowsGzip("gzip;q=0")).isFalse();
        assertThat(AcceptEncoding.allowsGzip("*, gzip;q=0.0")).isFalse();
        assertThat(AcceptEncoding.allowsGzip("*;q=0")).isFalse();
        assertThat(AcceptEncoding.allowsGzip("gzip;q=nonsense")).isFalse();
    }
}
