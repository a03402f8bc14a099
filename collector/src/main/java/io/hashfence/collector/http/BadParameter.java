package io.hashfence.collector.http;

/**
 * A query parameter a list endpoint cannot take: answered 400 with {@link #getMessage()}, which names the
 * parameter and says what is allowed, and counted as {@link HttpRefusal#BAD_PARAMETER}.
 */
final class BadParameter extends Exception {
    private static final int SHOWN = 64;

    BadParameter(String parameter, String problem) {
        super(shown(parameter) + " " + problem, null, false, false);
    }

    /** A client's text in a message: at most 64 characters, in quotes when it is not a plain name. */
    static String shown(String text) {
        String cut = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        return cut.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_') ? cut : "\"" + cut + "\"";
    }
}
