package io.hashfence.agent.poll;

import io.hashfence.protocol.IpLiteral;
import io.hashfence.protocol.Pool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the host of each pool URL to the IP address a connection to it goes to from this network, so
 * that the collector can locate the pool ({@code pools[].address}). A host given as an IP literal is
 * that address; a name is looked up and the answer kept for {@code ttl}, so a poll does not wait for DNS
 * each time. A name that does not resolve is reported without an address (logged once per host).
 */
final class PoolAddresses {
    private static final Logger log = LoggerFactory.getLogger(PoolAddresses.class);

    /** Looks a host name up; the JDK's resolver in production. */
    interface Lookup {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    private record Resolved(Optional<String> address, Instant expires) {}

    private final Lookup lookup;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Resolved> cache = new ConcurrentHashMap<>();

    PoolAddresses(Lookup lookup, Clock clock, Duration ttl) {
        this.lookup = lookup;
        this.clock = clock;
        this.ttl = ttl;
    }

    static PoolAddresses systemResolver() {
        return new PoolAddresses(InetAddress::getByName, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    List<Pool> withAddresses(List<Pool> pools) {
        return pools.stream()
                .map(pool -> pool.address() != null
                        ? pool
                        : pool.host()
                                .flatMap(this::address)
                                .map(pool::withAddress)
                                .orElse(pool))
                .toList();
    }

    private Optional<String> address(String host) {
        if (IpLiteral.isValid(host)) {
            return Optional.of(host);
        }
        Instant now = clock.instant();
        Resolved known = cache.get(host);
        if (known != null && now.isBefore(known.expires())) {
            return known.address();
        }
        Optional<String> address;
        try {
            address = Optional.of(lookup.resolve(host).getHostAddress());
        } catch (UnknownHostException | SecurityException e) {
            if (known == null || known.address().isPresent()) {
                log.warn(
                        "pool host {} does not resolve; its pool is reported without an address: {}",
                        host,
                        e.getMessage());
            }
            address = Optional.empty();
        }
        cache.put(host, new Resolved(address, now.plus(ttl)));
        return address;
    }
}
