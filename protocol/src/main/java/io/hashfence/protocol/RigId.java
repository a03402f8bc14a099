package io.hashfence.protocol;

/** A rig's identifier, unique within its site. */
public record RigId(String value) {
    public RigId {
        Ids.requireValid("rig", value);
    }

    public static RigId of(String value) {
        return new RigId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
