package io.hashfence.protocol;

/**
 * The identifier rule shared by sites and rigs: {@code [A-Za-z0-9._-]{1,64}}, but not {@code .} or {@code ..},
 * which name a directory and its parent wherever an id becomes part of a path.
 */
public final class Ids {
    public static final int MAX_LENGTH = 64;
    /** The rule in words, for error messages. */
    public static final String RULE = "must match [A-Za-z0-9._-]{1,64} and not be . or ..";

    private Ids() {}

    public static boolean isValid(String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LENGTH
                || value.equals(".")
                || value.equals("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static void requireValid(String kind, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(kind + " id " + RULE + ", got " + quote(value));
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) + "..." : value;
        return "\"" + shown + "\"";
    }
}
