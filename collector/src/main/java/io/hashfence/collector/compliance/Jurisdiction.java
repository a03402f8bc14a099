package io.hashfence.collector.compliance;

import java.util.regex.Pattern;

/** A place a policy names: an ISO 3166-1 alpha-2 country ({@code RU}) or ISO 3166-2 subdivision ({@code UA-43}). */
public record Jurisdiction(String code) {
    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    public Jurisdiction {
        if (code == null || !ISO_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("\"" + code
                    + "\" is not an ISO 3166-1 alpha-2 country (RU) or ISO 3166-2 subdivision (UA-43) code");
        }
    }

    public boolean isCountry() {
        return code.length() == 2;
    }

    @Override
    public String toString() {
        return code;
    }
}
