package io.hashfence.protocol;

/** A site agent's connection state as published on its status topic (birth and Will). */
public enum AgentState implements WireEnum {
    ONLINE("online"),
    OFFLINE("offline");

    private final String wireName;

    AgentState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
