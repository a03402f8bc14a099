package io.hashfence.agent.config;

/**
 * The YAML config file as written: every value may be absent. {@link ConfigLoader} resolves it into an
 * {@link AgentConfig}. Durations stay text here so that their errors name the setting.
 */
record ConfigFile(String site, String token, String collector, String clientId, String publishInterval,
                  Mqtt mqtt, Simulate simulate) {

    record Mqtt(String keepAlive, String connectTimeout, Backoff reconnectBackoff) {
    }

    record Backoff(String min, String max) {
    }

    record Simulate(Integer rigs, Long seed, Double restrictedShare) {
    }

    static ConfigFile empty() {
        return new ConfigFile(null, null, null, null, null, null, null);
    }
}
