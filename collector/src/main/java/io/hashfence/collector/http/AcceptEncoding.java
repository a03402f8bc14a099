package io.hashfence.collector.http;

import java.util.Locale;

/** What an {@code Accept-Encoding} header allows (RFC 9110 §12.5.3): here, only whether gzip is welcome. */
final class AcceptEncoding {
    private AcceptEncoding() {}

    /** True when the header names gzip (or {@code *}, without naming gzip) with a weight above 0. */
    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean wildcard = null;
        for (String coding : header.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean welcome = weight(parts) > 0;
            if (name.equals("gzip") || name.equals("x-gzip")) {
                return welcome;
            }
            if (name.equals("*")) {
                wildcard = welcome;
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    private static double weight(String[] parts) {
        for (int index = 1; index < parts.length; index++) {
            String parameter = parts[index].strip();
            if (parameter.length() > 1
                    && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
