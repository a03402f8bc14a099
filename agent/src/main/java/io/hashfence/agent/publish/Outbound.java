package io.hashfence.agent.publish;

/** How a site connection holds telemetry between reading and acknowledgement: in memory or in a durable outbox. */
interface Outbound {

    /** Opens for a new connection with {@code receiveMaximum} in-flight slots, sending the status message first. */
    void open(int receiveMaximum, String statusTopic, byte[] status);

    /** The connection is gone. */
    void shut();

    boolean isOpen();

    /** Whether readings taken while disconnected are kept (and so worth taking). */
    boolean keepsReadingsWhileDisconnected();

    void publish(String topic, byte[] payload);

    /** Counts readings not taken while disconnected. */
    void skip(int readings);

    /** Waits up to {@code timeout} for messages in flight or waiting to be acknowledged; the agent is stopping. */
    void awaitDelivered(java.time.Duration timeout) throws InterruptedException;

    /** Releases what the queue holds open; the connection is closing. */
    void close();
}
