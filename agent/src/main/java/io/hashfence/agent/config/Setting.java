package io.hashfence.agent.config;

import java.util.Arrays;
import java.util.List;

/**
 * The one table of the config file's keys: each setting, the section it sits in, and so the dotted name its
 * errors give ({@code mqtt.reconnect_backoff.min}, {@code miners[0].host}). {@link YamlMapping} refuses any key
 * that its section does not list here.
 */
enum Setting {
    SITE(null, "site"),
    TOKEN(null, "token"),
    COLLECTOR(null, "collector"),
    CLIENT_ID(null, "client_id"),
    PUBLISH_INTERVAL(null, "publish_interval"),
    MQTT(null, "mqtt"),
    MQTT_KEEP_ALIVE(MQTT, "keep_alive"),
    MQTT_CONNECT_TIMEOUT(MQTT, "connect_timeout"),
    MQTT_RECONNECT_BACKOFF(MQTT, "reconnect_backoff"),
    BACKOFF_MIN(MQTT_RECONNECT_BACKOFF, "min"),
    BACKOFF_MAX(MQTT_RECONNECT_BACKOFF, "max"),
    MQTT_TLS(MQTT, "tls"),
    TLS_CA_FILE(MQTT_TLS, "ca_file"),
    TLS_CERT_FILE(MQTT_TLS, "cert_file"),
    TLS_KEY_FILE(MQTT_TLS, "key_file"),
    SIMULATE(null, "simulate"),
    SIMULATE_RIGS(SIMULATE, "rigs"),
    SIMULATE_SEED(SIMULATE, "seed"),
    SIMULATE_RESTRICTED_SHARE(SIMULATE, "restricted_share"),
    MINERS(null, "miners"),
    MINER_HOST(MINERS, "host"),
    MINER_TYPE(MINERS, "type"),
    MINER_PORT(MINERS, "port"),
    MINER_RIG(MINERS, "rig"),
    MINER_ACCESS_TOKEN(MINERS, "access_token"),
    MINER_MODEL(MINERS, "model"),
    DISCOVERY(null, "discovery"),
    DISCOVERY_RANGES(DISCOVERY, "ranges"),
    DISCOVERY_INTERVAL(DISCOVERY, "interval"),
    POLL(null, "poll"),
    POLL_TIMEOUT(POLL, "timeout"),
    POLL_PARALLELISM(POLL, "parallelism"),
    POWER(null, "power"),
    POWER_METER(POWER, "meter"),
    POWER_ESTIMATE(POWER, "estimate"),
    POWER_NVIDIA_SMI(POWER, "nvidia_smi"),
    POWER_IPMITOOL(POWER, "ipmitool"),
    LOCATION(null, "location"),
    LOCATION_SOURCE(LOCATION, "source"),
    LOCATION_LAT(LOCATION, "lat"),
    LOCATION_LON(LOCATION, "lon"),
    LOCATION_ACCURACY_M(LOCATION, "accuracy_m"),
    LOCATION_GPSD(LOCATION, "gpsd"),
    GPSD_HOST(LOCATION_GPSD, "host"),
    GPSD_PORT(LOCATION_GPSD, "port"),
    GPSD_MAX_AGE(LOCATION_GPSD, "max_age"),
    OUTBOX(null, "outbox"),
    OUTBOX_DIRECTORY(OUTBOX, "directory"),
    OUTBOX_MAX_SIZE(OUTBOX, "max_size"),
    OUTBOX_REPLAY_RATE(OUTBOX, "replay_rate");

    private final Setting section;
    private final String key;

    Setting(Setting section, String key) {
        this.section = section;
        this.key = key;
    }

    /** The key as written in its section. */
    String key() {
        return key;
    }

    /** The dotted name errors give, such as {@code mqtt.reconnect_backoff.min}. */
    String path() {
        return section == null ? key : section.path() + "." + key;
    }

    /** The name errors give this setting of one item of a list section, such as {@code miners[0].host}. */
    String path(int item) {
        return section.path() + "[" + item + "]." + key;
    }

    /** The keys of a section (null: the top level), in the table's order. */
    static List<String> keysOf(Setting section) {
        return Arrays.stream(values())
                .filter(setting -> setting.section == section)
                .map(Setting::key)
                .toList();
    }
}
