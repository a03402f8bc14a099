package io.hashfence.protocol;

import java.util.Optional;

/**
 * A configured mining pool; {@code active} marks the one receiving shares.
 *
 * @param address the IP address (a literal) the agent connects to for this pool's host, or null when not
 *                resolved; the collector locates the pool by it
 */
public record Pool(String url, String user, boolean active, String address) {

    /** A pool whose host was not resolved. */
    public Pool(String url, String user, boolean active) {
        this(url, user, active, null);
    }

    /**
     * The host of the pool URL as miners write them: {@code stratum+tcp://host:port}, {@code host:port}
     * (XMRig), {@code stratum+ssl://user@[2001:db8::1]:443}; empty when there is none.
     */
    public Optional<String> host() {
        String rest = url.strip();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int at = rest.lastIndexOf('@', firstOf(rest, '/'));
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close > 1 ? rest.substring(1, close) : "";
        } else {
            host = rest.substring(0, Math.min(firstOf(rest, ':'), firstOf(rest, '/')));
        }
        return host.isEmpty() || host.length() > 253 ? Optional.empty() : Optional.of(host);
    }

    /** The user part of the URL's user information ({@code scheme://USER:password@host}), if it has one. */
    public Optional<String> urlUser() {
        int scheme = url.indexOf("://");
        String rest = scheme >= 0 ? url.substring(scheme + 3) : url;
        int at = rest.lastIndexOf('@', firstOf(rest, '/'));
        if (at < 0) {
            return Optional.empty();
        }
        String userInfo = rest.substring(0, at);
        return Optional.of(userInfo.substring(0, firstOf(userInfo, ':')));
    }

    private static int firstOf(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? text.length() : index;
    }

    /** The same pool, reported as connecting to this IP literal. */
    public Pool withAddress(String ipLiteral) {
        return new Pool(url, user, active, ipLiteral);
    }
}
