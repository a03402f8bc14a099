package io.hashfence.protocol;

/** How the agent knows where the rig is. */
public enum LocationSource implements WireEnum {
    GPS("gps"),
    STATIC("static");

    private final String wireName;

    LocationSource(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
