package io.hashfence.geo;

import java.util.Objects;

/**
 * A country as the bundled data has it.
 *
 * @param code ISO 3166-1 alpha-2 code ({@code XK} for Kosovo, the user-assigned code in common use)
 * @param name English name from Natural Earth
 */
public record Country(String code, String name) {
    public Country {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
