package io.hashfence.collector.ingest;

import io.hashfence.protocol.SiteId;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open session of each (site, client id). A second connection with the same client id takes over and
 * the first is closed, as cloud IoT endpoints do; ids are scoped by site, so no site can evict another's.
 */
final class SessionRegistry {
    private record Key(SiteId site, String clientId) {
    }

    /** Fired into the pipeline of a connection that another took over. */
    static final Object TAKEN_OVER = new Object();

    private final Map<Key, Channel> sessions = new ConcurrentHashMap<>();

    /** Registers the channel; returns the one it replaces, if any. */
    Optional<Channel> register(SiteId site, String clientId, Channel channel) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        Channel previous = sessions.put(new Key(site, clientId), channel);
        return previous == null || previous == channel ? Optional.empty() : Optional.of(previous);
    }

    void unregister(SiteId site, String clientId, Channel channel) {
        if (clientId != null && !clientId.isEmpty()) {
            sessions.remove(new Key(site, clientId), channel);
        }
    }
}
