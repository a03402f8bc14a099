package io.hashfence.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The shared store: unset, the collector keeps its state in files in the data directory; set, several collectors
 * share one PostgreSQL database for sites, sequence windows, rigs, alerts and the event log.
 *
 * @param url the database, {@code jdbc:postgresql://HOST:PORT/DATABASE?user=USER}; null keeps the data directory
 * @param passwordFile a file holding the database user's password (first line); null when the URL or the server's
 *                     authentication needs none
 * @param node this collector's name in the shared store; null means the host name
 */
public record StoreConfig(String url, Path passwordFile, String node) {
    public static final String URL_PREFIX = "jdbc:postgresql://";
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    public StoreConfig {
        if (url != null && !url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException(
                    "store.url must be a " + URL_PREFIX + "HOST:PORT/DATABASE URL, got \"" + redact(url) + "\"");
        }
        if (node != null && !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("store.node must match [A-Za-z0-9._-]{1,64}, got \"" + node + "\"");
        }
    }

    public static StoreConfig defaults() {
        return new StoreConfig(null, null, null);
    }

    /** Whether the collector uses the shared store rather than files in the data directory. */
    public boolean shared() {
        return url != null;
    }

    public StoreConfig withUrl(String newUrl) {
        return new StoreConfig(newUrl, passwordFile, node);
    }

    /** The URL as it may be logged: a {@code password} parameter in it replaced by {@code ***}. */
    public String safeUrl() {
        return url == null ? null : redact(url);
    }

    /** This collector's node name: {@code store.node}, else the host name. */
    public String nodeName() {
        if (node != null) {
            return node;
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return NODE.matcher(host).matches() ? host : host.replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("store.node is not set and the host name is unknown: " + e.getMessage());
        }
    }

    private static String redact(String text) {
        return PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
    }
}
