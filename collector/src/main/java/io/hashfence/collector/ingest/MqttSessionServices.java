package io.hashfence.collector.ingest;

import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceJournal;
import io.hashfence.collector.site.SiteAuthenticator;
import java.util.concurrent.Executor;

/** What every MQTT connection handler shares. */
record MqttSessionServices(
        MqttConfig config,
        SiteAuthenticator authenticator,
        Executor authExecutor,
        PublishRouter router,
        RigRegistry registry,
        IngestMetrics metrics,
        MqttReplies replies,
        ConnectionInspector inspector,
        EventLog eventLog,
        SequenceJournal journal,
        SessionRegistry sessions,
        ThrottledLog clientWarnings) {
}
