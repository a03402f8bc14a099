package io.hashfence.collector.screening;

/** The autonomous system that announces an address, and the organisation holding it. */
public record AnnouncingAs(Asn asn, String holder) {

    @Override
    public String toString() {
        return asn + " (" + holder + ")";
    }
}
