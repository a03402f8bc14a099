package io.hashfence.collector.ingest;

import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Measures what a connection says about where its client is: the address (as the PROXY protocol header
 * gave it, when the collector sits behind a load balancer), that address's registered country, and the
 * kernel's smoothed RTT (epoll only; behind a load balancer the RTT is the balancer's, so it is not used).
 */
final class ConnectionInspector {
    private final IpCountryDatabase ipCountries;

    ConnectionInspector(IpCountryDatabase ipCountries) {
        this.ipCountries = ipCountries;
    }

    ConnectionFacts inspect(Channel channel) {
        InetSocketAddress proxied =
                channel.attr(ProxyProtocolHandler.CLIENT_ADDRESS).get();
        InetSocketAddress remote = proxied != null ? proxied : (InetSocketAddress) channel.remoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return ConnectionFacts.unknown();
        }
        InetAddress address = remote.getAddress();
        boolean publicAddress = IpCountryDatabase.isPublic(address);
        Optional<String> country = publicAddress ? ipCountries.country(address) : Optional.empty();
        Supplier<OptionalDouble> rtt = proxied == null && channel instanceof EpollSocketChannel epoll
                ? () -> smoothedRttMillis(epoll)
                : OptionalDouble::empty;
        return new ConnectionFacts(address, country, publicAddress, rtt);
    }

    private static OptionalDouble smoothedRttMillis(EpollSocketChannel channel) {
        if (!channel.isActive()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(channel.tcpInfo().rtt() / 1000.0);
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
