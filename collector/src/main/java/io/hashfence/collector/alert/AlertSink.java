package io.hashfence.collector.alert;

import java.util.List;

/** Somewhere alert transitions go. Called from the sink's own worker thread, never from ingest. */
public interface AlertSink {
    String name();

    /** How many times a failed delivery is tried in all. */
    int attempts();

    void deliver(Notification notification) throws Exception;

    /** Re-sends the still-firing alerts, for receivers that expire alerts not heard of for a while. */
    default void remind(List<Alert> firing) throws Exception {}

    default boolean wantsReminders() {
        return false;
    }
}
