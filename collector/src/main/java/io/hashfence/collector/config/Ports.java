package io.hashfence.collector.config;

final class Ports {
    private Ports() {}

    /** Port 0 is valid everywhere: it asks the OS for a free port, which the collector then logs. */
    static void requireValid(String setting, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(setting + " must be within [0, 65535], got " + port);
        }
    }
}
