package io.hashfence.collector.ingest;

import io.hashfence.collector.site.SiteCredential;
import io.hashfence.protocol.SiteId;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open session, by (site, client id), with the credential it authenticated with. A second connection
 * with the same client id takes over and the first is closed, as cloud IoT endpoints do; ids are scoped by
 * site, so no site can evict another's. When a site's credential is replaced, the sessions that used the
 * old one are closed.
 */
final class SessionRegistry {
    /** Fired into the pipeline of a connection that another took over. */
    static final Object TAKEN_OVER = new Object();
    /** Fired into the pipeline of a connection whose site token was revoked. */
    static final Object REVOKED = new Object();

    private record Key(SiteId site, String clientId) {}

    private record Entry(Channel channel, SiteCredential credential) {}

    private final Map<Key, Entry> sessions = new ConcurrentHashMap<>();

    /** Registers the channel; returns the one it takes over, if any. */
    Optional<Channel> register(SiteCredential credential, String clientId, Channel channel) {
        Entry previous = sessions.put(key(credential.site(), clientId, channel), new Entry(channel, credential));
        return previous == null || previous.channel() == channel ? Optional.empty() : Optional.of(previous.channel());
    }

    void unregister(SiteId site, String clientId, Channel channel) {
        sessions.computeIfPresent(
                key(site, clientId, channel), (k, entry) -> entry.channel() == channel ? null : entry);
    }

    /** Closes the site's sessions that authenticated with a credential other than {@code current}. */
    int revoke(SiteId site, SiteCredential current) {
        int closed = 0;
        for (Map.Entry<Key, Entry> session : sessions.entrySet()) {
            if (session.getKey().site().equals(site)
                    && !session.getValue().credential().sameAs(current)) {
                session.getValue().channel().pipeline().fireUserEventTriggered(REVOKED);
                closed++;
            }
        }
        return closed;
    }

    /** A client without an id gets no takeover: it is keyed by its own connection. */
    private static Key key(SiteId site, String clientId, Channel channel) {
        return new Key(
                site,
                clientId == null || clientId.isEmpty() ? "\u0000" + channel.id().asLongText() : clientId);
    }
}
