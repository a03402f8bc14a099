package io.hashfence.collector.compliance;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * What the collector measures about the connection a message arrived on, independent of the message:
 * the client's address (from the PROXY protocol header when behind a load balancer), the country that
 * address is registered in, and the smoothed TCP round-trip time where the transport exposes it.
 */
public record ConnectionFacts(
        InetAddress clientAddress,
        Optional<String> ipCountry,
        boolean publicAddress,
        Supplier<OptionalDouble> rttMillis) {

    public static ConnectionFacts unknown() {
        return new ConnectionFacts(null, Optional.empty(), false, OptionalDouble::empty);
    }
}
