package io.hashfence.agent.power;

/** A power meter cannot be read; the message says why and what to do. */
public final class PowerMeterException extends Exception {
    private static final long serialVersionUID = 1L;

    public PowerMeterException(String message) {
        super(message);
    }

    public PowerMeterException(String message, Throwable cause) {
        super(message, cause);
    }
}
