package io.hashfence.protocol;

/** A site's identifier: also its MQTT user name and the second level of its topics. */
public record SiteId(String value) {
    public SiteId {
        Ids.requireValid("site", value);
    }

    public static SiteId of(String value) {
        return new SiteId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
