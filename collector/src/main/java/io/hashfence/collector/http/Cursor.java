package io.hashfence.collector.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code next} token of a list answer: which list it continues, under which filters, and the
 * position (the last item answered) to continue after. It is base64url text, so that clients pass it on as it
 * is; the collector checks that a cursor it is given was made for the same list and the same filters.
 *
 * @param list the list it belongs to, such as {@code rigs}
 * @param filters the list's filters in their canonical form ({@link PageRequest#filters()})
 * @param position where the previous page ended, as the list spells it
 */
record Cursor(String list, String filters, String position) {
    private static final String VERSION = "c1";
    private static final char SEPARATOR = '|';

    String encode() {
        String text = VERSION + SEPARATOR + list + SEPARATOR + filters + SEPARATOR + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code next} back and checks it against the request's list and filters.
     *
     * @throws BadParameter when it is not a cursor of this collector, or belongs to another list or other filters
     */
    static Cursor decode(String token, String list, String filters) throws BadParameter {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        String[] parts = text.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw malformed();
        }
        if (!parts[1].equals(list)) {
            throw new BadParameter(
                    "next", "is a cursor of another list; pass on the next of the previous " + list + " page");
        }
        if (!parts[2].equals(filters)) {
            throw new BadParameter(
                    "next",
                    "was made for other filters (" + describe(parts[2]) + "); repeat them with it (this request has "
                            + describe(filters) + "), or start again without next");
        }
        return new Cursor(parts[1], parts[2], parts[3]);
    }

    static BadParameter malformed() {
        return new BadParameter("next", "is not a cursor; pass on the next value of the previous answer as it is");
    }

    private static String describe(String filters) {
        return filters.isEmpty() ? "no filters" : BadParameter.shown(filters);
    }
}
