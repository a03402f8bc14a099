package io.hashfence.protocol;

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

    /** The same pool, reported as connecting to this IP literal. */
    public Pool withAddress(String ipLiteral) {
        return new Pool(url, user, active, ipLiteral);
    }
}
