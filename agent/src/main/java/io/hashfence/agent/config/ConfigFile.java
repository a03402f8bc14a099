package io.hashfence.agent.config;

import java.util.List;

/**
 * The YAML config file as written: every value may be absent. {@link ConfigFileReader} reads it and {@link ConfigLoader} resolves it into an
 * {@link AgentConfig}. Durations stay text here so that their errors name the setting.
 */
record ConfigFile(
        String site,
        String token,
        String collector,
        String clientId,
        String publishInterval,
        Mqtt mqtt,
        Simulate simulate,
        List<Miner> miners,
        Discovery discovery,
        Poll poll,
        Power power,
        Location location,
        Outbox outbox) {

    record Mqtt(String keepAlive, String connectTimeout, Backoff reconnectBackoff, Tls tls) {}

    record Tls(String caFile, String certFile, String keyFile) {}

    record Backoff(String min, String max) {}

    record Simulate(Integer rigs, Long seed, Double restrictedShare) {}

    record Miner(String host, String type, Integer port, String rig, String accessToken, String model) {}

    record Discovery(List<String> ranges, String interval) {}

    record Poll(String timeout, Integer parallelism) {}

    record Power(String meter, Boolean estimate, String nvidiaSmi, String ipmitool) {}

    record Location(String source, Double lat, Double lon, Double accuracyM, Gpsd gpsd) {}

    record Gpsd(String host, Integer port, String maxAge) {}

    record Outbox(String directory, String maxSize, Integer replayRate) {}
}
