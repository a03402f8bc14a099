package io.hashfence.collector.screening;

import java.util.Objects;

/**
 * A network of a designated hosting provider, named in the policy with the reason it is listed: either a
 * CIDR, or an autonomous system, which matches every address the bundled IP-to-ASN table says it announces.
 *
 * @param cidr the network's prefix, or null when it is named by its AS
 * @param asn the network's autonomous system, or null when it is named by a prefix
 */
public record DesignatedNetwork(Cidr cidr, Asn asn, String reason) {

    public DesignatedNetwork {
        if ((cidr == null) == (asn == null)) {
            throw new IllegalArgumentException("a designated network is a CIDR or an AS number, exactly one");
        }
        Objects.requireNonNull(reason);
    }

    public static DesignatedNetwork of(Cidr cidr, String reason) {
        return new DesignatedNetwork(cidr, null, reason);
    }

    public static DesignatedNetwork of(Asn asn, String reason) {
        return new DesignatedNetwork(null, asn, reason);
    }

    public boolean byAsn() {
        return asn != null;
    }

    @Override
    public String toString() {
        return byAsn() ? asn.toString() : cidr.toString();
    }
}
