package io.hashfence.collector.screening;

/** A network of a designated hosting provider, named in the policy with the reason it is listed. */
public record DesignatedNetwork(Cidr cidr, String reason) {}
