package io.hashfence.collector.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {
    @Test
    void lineBreaksAndControlsBecomeVisibleEscapes() {
        assertThat(ClientText.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(ClientText.escape("x\u0000\u001b[31m\u007f\u0085\u009b"))
                .isEqualTo("x\\u0000\\u001B[31m\\u007F\\u0085\\u009B");
        assertThat(ClientText.escape("line\u2028para\u2029")).isEqualTo("line\\u2028para\\u2029");
        assertThat(ClientText.escape("evil\u202Etxt.exe")).isEqualTo("evil\\u202Etxt.exe");
        assertThat(ClientText.escape("lone \uD800 surrogate")).isEqualTo("lone \\uD800 surrogate");
    }

    @Test
    void aBackslashIsDoubledSoNoEscapeCanBeFaked() {
        assertThat(ClientText.escape("not\\na break")).isEqualTo("not\\\\na break");
    }

    @Test
    void ordinaryTextStaysAsItIs() {
        String text = "hashfence/v1/site-a/rig.1/telemetry Иркутск 東京 ⛏ 😀";
        assertThat(ClientText.escape(text)).isSameAs(text);
        assertThat(ClientText.escape(null)).isNull();
    }
}
