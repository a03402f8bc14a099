package io.hashfence.geo;

import java.util.Objects;

/**
 * A first-level subdivision (state, province, oblast, ...).
 *
 * @param code ISO 3166-2 code; where ISO assigns none, Natural Earth's placeholder such as
 *             {@code XK-X21~} (always {@code <country>-<id>~}, the trailing {@code ~} marks it non-ISO)
 * @param name name from Natural Earth
 */
public record Subdivision(String code, String name) {
    public Subdivision {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }

    /** True when {@link #code()} is an ISO 3166-2 code rather than a Natural Earth placeholder. */
    public boolean isIsoCode() {
        return !code.endsWith("~");
    }
}
