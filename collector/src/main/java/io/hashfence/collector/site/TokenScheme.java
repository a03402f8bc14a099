package io.hashfence.collector.site;

import java.util.Arrays;
import java.util.Optional;

/** How a stored token hash was made; the {@code scheme} of an entry in {@code sites.json}. */
public enum TokenScheme {
    /** HMAC-SHA-256 keyed with the data directory's {@code sites.key}: fast, for 256-bit random tokens. */
    HMAC_SHA256("hmac-sha256"),
    /** Salted PBKDF2-HMAC-SHA256, as earlier versions stored every token; upgraded on the next good login. */
    PBKDF2("pbkdf2-hmac-sha256");

    private final String label;

    TokenScheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<TokenScheme> fromLabel(String label) {
        return Arrays.stream(values())
                .filter(scheme -> scheme.label.equals(label))
                .findFirst();
    }
}
