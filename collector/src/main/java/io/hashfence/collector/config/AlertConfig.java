package io.hashfence.collector.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;

/**
 * Alerting settings.
 *
 * @param dwell how long a condition must hold before its alert fires
 * @param resolveAfter how long a condition must be gone before its alert resolves (hysteresis)
 * @param relocatedHold how long a relocation alert stays firing
 * @param maxNotificationsPerRigPerHour notifications about one rig beyond this are suppressed and counted
 * @param alertmanager Alertmanager's base URL, or null
 * @param webhook a URL that receives every transition as JSON, or null
 * @param resendInterval how often open alerts are re-sent to Alertmanager
 * @param sinkTimeout how long one delivery attempt may take
 * @param webhookAttempts how many times a webhook delivery is tried before it counts as failed
 */
public record AlertConfig(
        Duration dwell,
        Duration resolveAfter,
        Duration relocatedHold,
        int maxNotificationsPerRigPerHour,
        URI alertmanager,
        URI webhook,
        Duration resendInterval,
        @JsonProperty("timeout") Duration sinkTimeout,
        int webhookAttempts) {

    public static AlertConfig defaults() {
        return new AlertConfig(
                Duration.ZERO,
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                20,
                null,
                null,
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                8);
    }

    public AlertConfig withWebhook(URI uri) {
        return new AlertConfig(
                dwell,
                resolveAfter,
                relocatedHold,
                maxNotificationsPerRigPerHour,
                alertmanager,
                uri,
                resendInterval,
                sinkTimeout,
                webhookAttempts);
    }

    public AlertConfig withResolveAfter(Duration duration) {
        return new AlertConfig(
                dwell,
                duration,
                relocatedHold,
                maxNotificationsPerRigPerHour,
                alertmanager,
                webhook,
                resendInterval,
                sinkTimeout,
                webhookAttempts);
    }

    public AlertConfig withAlertmanager(URI uri) {
        return new AlertConfig(
                dwell,
                resolveAfter,
                relocatedHold,
                maxNotificationsPerRigPerHour,
                uri,
                webhook,
                resendInterval,
                sinkTimeout,
                webhookAttempts);
    }
}
