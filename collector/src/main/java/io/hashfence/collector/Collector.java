package io.hashfence.collector;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertSink;
import io.hashfence.collector.alert.AlertmanagerSink;
import io.hashfence.collector.alert.LogSink;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.alert.NotificationMetrics;
import io.hashfence.collector.alert.Notifier;
import io.hashfence.collector.alert.OpenAlertMetrics;
import io.hashfence.collector.alert.WebhookSink;
import io.hashfence.collector.audit.AuditKey;
import io.hashfence.collector.audit.Auditor;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.LogReplay;
import io.hashfence.collector.audit.RecordedRig;
import io.hashfence.collector.audit.Witness;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.Locator;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.PolicyException;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.compliance.PolicyStore;
import io.hashfence.collector.compliance.SpoofSuspicion;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.RigSnapshot;
import io.hashfence.collector.fleet.SequenceJournal;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.http.AlertsEndpoint;
import io.hashfence.collector.http.ApiToken;
import io.hashfence.collector.http.HealthEndpoint;
import io.hashfence.collector.http.HttpMetrics;
import io.hashfence.collector.http.HttpServer;
import io.hashfence.collector.http.LocateEndpoint;
import io.hashfence.collector.http.MetricsEndpoint;
import io.hashfence.collector.http.RigClearEndpoint;
import io.hashfence.collector.http.RigsEndpoint;
import io.hashfence.collector.http.Route;
import io.hashfence.collector.ingest.IngestMetrics;
import io.hashfence.collector.ingest.IngestTargets;
import io.hashfence.collector.ingest.MqttServer;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.judge.RigJudge;
import io.hashfence.collector.metrics.CollectorMetrics;
import io.hashfence.collector.metrics.FleetMetrics;
import io.hashfence.collector.metrics.ReloadMetrics;
import io.hashfence.collector.report.ReportEndpoint;
import io.hashfence.collector.screening.SanctionsStore;
import io.hashfence.collector.screening.Screener;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.RevocationWatch;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.storage.PrivateFiles;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.collector.storage.StorageMetrics;
import io.hashfence.collector.transport.Transport;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running collector: the composition root that wires every feature together, and stops them in order. */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final RigRegistry registry;
    private final EventLog eventLog;
    private final SequenceJournal journal;
    private final Auditor auditor;
    private final ComplianceEngine compliance;
    private final AlertBook alerts;
    private final RigJudge judge;
    private final PolicyStore policy;
    private final SanctionsStore sanctions;
    private final AtomicReference<Policy> auditedPolicy = new AtomicReference<>();
    private final Notifier notifier;
    private final CollectorMetrics metrics;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService snapshots;
    private final MqttServer mqtt;
    private final HttpServer http;
    private final Witness witness;
    private final RigSnapshot rigSnapshot;

    private Collector(CollectorConfig config, Clock clock) throws IOException, InterruptedException, PolicyException {
        config.mqtt().requireListener();
        PrivateFiles.directory(config.dataDir());
        CollectorJson json = new CollectorJson();
        CredentialStore credentials = new CredentialStore(config.dataDir());
        credentials.prepare();
        metrics = new CollectorMetrics();

        long started = System.nanoTime();
        GeoIndex geo = GeoIndex.loadBundled();
        IpCountryDatabase ipCountries = IpCountryDatabase.loadBundled();
        LOG.info("boundary data and IP database loaded in {} ms", (System.nanoTime() - started) / 1_000_000);

        LogReplay replay = LogReplay.startingFrom(config.dataDir());
        StorageMetrics storageMetrics = new StorageMetrics();
        StorageHealth storage = new StorageHealth(storageMetrics);
        eventLog = EventLog.open(config.dataDir(), clock, replay, storage);
        auditor = new Auditor(eventLog, replay.rigs());
        SequenceWindows seen = new SequenceWindows();
        journal = SequenceJournal.open(config.dataDir(), seen, storage);
        registry = new RigRegistry(clock, config.fleet(), seen);
        rigSnapshot = new RigSnapshot(config.dataDir(), registry, new TelemetryCodec(clock), storage,
                json);
        rigSnapshot.restore();
        ReloadMetrics policyReloads = ReloadMetrics.policy();
        policy = new PolicyStore(config.compliance().policyFile(), new PolicyParser(geo), policyReloads,
                this::policyChanged);
        auditedPolicy.set(policy.get());
        auditor.policyLoaded(policy.get());
        compliance = new ComplianceEngine(geo, policy, config.compliance(), clock);
        restoreVerdicts(replay);
        Transport transport = Transport.best();
        NotificationMetrics notifications = new NotificationMetrics();
        notifier = new Notifier(sinks(config, clock, json), config.alerts(), notifications, clock);
        alerts = new AlertBook(config.alerts(), clock, notification -> {
            auditor.alertTransition(notification);
            notifier.accept(notification);
        });
        alerts.restore(replay.openAlerts(), replay.highestAlertNumber());
        ReloadMetrics sanctionsReloads = ReloadMetrics.sanctions();
        sanctions = new SanctionsStore(SanctionsStore.fileIn(config.dataDir()), sanctionsReloads,
                this::sanctionsChanged);
        Screener screener = new Screener(sanctions, policy, ipCountries, clock);
        judge = new RigJudge(compliance, auditor, alerts, screener);
        if (!replay.openAlerts().isEmpty()) {
            LOG.info("{} open alert(s) restored from the event log", replay.openAlerts().size());
        }
        IngestMetrics ingestMetrics = new IngestMetrics();
        HttpMetrics httpMetrics = new HttpMetrics();
        metrics.register(ingestMetrics, new FleetMetrics(registry, compliance), new OpenAlertMetrics(alerts),
                notifications, policyReloads, sanctionsReloads, storageMetrics, httpMetrics);

        mqtt = new MqttServer(config.mqtt(), transport, new SiteAuthenticator(credentials),
                new IngestTargets(registry, judge, eventLog, journal), ipCountries, ingestMetrics, clock);
        RigsEndpoint rigs = new RigsEndpoint(registry, compliance, new TelemetryCodec(clock), geo, screener);
        AlertsEndpoint alertsEndpoint = new AlertsEndpoint(alerts, auditor::alertAcknowledged, json);
        Path tokenFile = config.http().apiTokenFile() != null ? config.http().apiTokenFile()
                : config.dataDir().resolve("api-token");
        ApiToken apiToken = ApiToken.loadOrCreate(tokenFile);
        MetricsEndpoint metricsEndpoint = new MetricsEndpoint(metrics);
        boolean readsNeedToken = !config.http().openReadEndpoints();
        http = new HttpServer(config.http(), transport, List.of(
                config.http().protectMetrics() ? Route.withToken(HttpMethod.GET, "/metrics", metricsEndpoint)
                        : Route.open(HttpMethod.GET, "/metrics", metricsEndpoint),
                Route.open(HttpMethod.GET, "/healthz", new HealthEndpoint(registry, storage)),
                new Route(HttpMethod.GET, "/api/v1/rigs", rigs::list, readsNeedToken),
                new Route(HttpMethod.GET, "/api/v1/rigs/{site}/{rig}", rigs::one, readsNeedToken),
                Route.open(HttpMethod.GET, "/api/v1/locate", new LocateEndpoint(new Locator(geo, policy))),
                new Route(HttpMethod.GET, "/api/v1/alerts", alertsEndpoint::list, readsNeedToken),
                new Route(HttpMethod.GET, "/api/v1/alerts/{id}", alertsEndpoint::one, readsNeedToken),
                Route.withToken(HttpMethod.POST, "/api/v1/alerts/{id}/ack", alertsEndpoint::acknowledge),
                Route.withToken(HttpMethod.POST, "/api/v1/rigs/{site}/{rig}/clear",
                        new RigClearEndpoint(judge, compliance, json)),
                Route.withToken(HttpMethod.GET, "/api/v1/report", new ReportEndpoint(config.dataDir(), clock, json))),
                apiToken, httpMetrics, json);

        timers = Executors.newSingleThreadScheduledExecutor(daemonThread("collector-timers"));
        timers.scheduleWithFixedDelay(guarded("alert tick", alerts::tick), 1, 1, TimeUnit.SECONDS);
        // Writing a large fleet's snapshot takes long enough to delay alert ticks, so it has its own thread.
        snapshots = Executors.newSingleThreadScheduledExecutor(daemonThread("rig-snapshot"));
        snapshots.scheduleWithFixedDelay(guarded("rig snapshot", rigSnapshot::writeIfDue), 1, 1, TimeUnit.SECONDS);
        long reassess = config.compliance().reassessInterval().toMillis();
        timers.scheduleWithFixedDelay(guarded("reassessment", this::reassessAll), reassess, reassess,
                TimeUnit.MILLISECONDS);
        if (config.audit().witnessDir() != null) {
            if (config.audit().witnessDir().toAbsolutePath().normalize()
                    .startsWith(config.dataDir().toAbsolutePath().normalize())) {
                LOG.warn("the witness directory {} is inside the data directory {}: it is lost or rewritten with the "
                        + "log; put it on other storage (another disk, a mounted bucket)", config.audit().witnessDir(),
                        config.dataDir());
            }
            witness = Witness.open(config.audit().witnessDir(), AuditKey.loadOrCreate(config.dataDir()), clock);
            witness.witness(eventLog.head());
            timers.scheduleWithFixedDelay(guarded("witnessing the event log", this::witness), 1, 1, TimeUnit.MINUTES);
        } else {
            witness = null;
        }
        if (config.audit().retention() != null) {
            AuditKey key = AuditKey.loadOrCreate(config.dataDir());
            Duration retention = config.audit().retention();
            timers.scheduleWithFixedDelay(guarded("event log compaction", () -> compact(key, retention, clock)),
                    0, 1, TimeUnit.HOURS);
        }
        RevocationWatch revocations = new RevocationWatch(credentials, (site, current) -> {
            int closed = mqtt.disconnectRevoked(site, current);
            if (closed > 0) {
                LOG.info("site {} token revoked or replaced; closed {} connection(s) that used the old one", site, closed);
            }
        });
        timers.scheduleWithFixedDelay(guarded("token revocation", revocations), 1, 1, TimeUnit.SECONDS);
        long resend = config.alerts().resendInterval().toMillis();
        timers.scheduleWithFixedDelay(guarded("alert reminders", () -> notifier.remind(alerts.firing())), resend,
                resend, TimeUnit.MILLISECONDS);

        if (mqttAddress() != null) {
            LOG.info("MQTT listening on {}:{} ({} transport{}; plain text, as configured)", config.mqtt().bind(),
                    mqttAddress().getPort(), transport.name(),
                    config.mqtt().proxyProtocol() ? ", PROXY protocol required" : "");
        }
        if (mqtt.tlsAddress() != null) {
            LOG.info("MQTT over TLS listening on {}:{} ({} transport)", config.mqtt().bind(),
                    mqtt.tlsAddress().getPort(), transport.name());
        }
        LOG.info("HTTP listening on {}://{}:{} (/metrics, /healthz, /api/v1/rigs, /api/v1/alerts, /api/v1/locate, "
                        + "/api/v1/report)", config.http().https() ? "https" : "http",
                config.http().bind(), httpAddress().getPort());
        LOG.info("{} need the bearer token in {}", readsNeedToken
                ? "the API (rigs, alerts, acknowledgement, clearing a spoofing suspicion, report)"
                : "alert acknowledgement, clearing a spoofing suspicion and reports (http.open_read_endpoints: rigs and "
                        + "alerts are open)", tokenFile);
        int sites = credentials.size();
        if (sites == 0) {
            LOG.warn("no sites in {} yet: add one with 'hashfence-collector sites add SITE --data-dir {}'",
                    credentials.file(), config.dataDir());
        } else {
            LOG.info("{} site(s) known from {}", sites, credentials.file());
        }
    }

    public static Collector start(CollectorConfig config, Clock clock)
            throws IOException, InterruptedException, PolicyException {
        return new Collector(config, clock);
    }

    private List<AlertSink> sinks(CollectorConfig config, Clock clock, CollectorJson json) {
        List<AlertSink> sinks = new ArrayList<>(List.of(new LogSink()));
        if (config.alerts().alertmanager() != null) {
            String host = hostName();
            sinks.add(new AlertmanagerSink(config.alerts().alertmanager(),
                    () -> URI.create("http://" + host + ":" + httpAddress().getPort()), config.alerts(), clock, json));
            LOG.info("alerts go to Alertmanager at {}", config.alerts().alertmanager());
        }
        if (config.alerts().webhook() != null) {
            sinks.add(new WebhookSink(config.alerts().webhook(), config.alerts(), json));
            LOG.info("alerts go to the webhook at {}", config.alerts().webhook().getHost());
        }
        return sinks;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed", what, e);
            }
        };
    }

    /**
     * After a restart, a rig last recorded in violation stays held at that position, and an open spoofing
     * alert stays a suspicion, until the rig makes a credible move or an operator clears it.
     */
    private void restoreVerdicts(LogReplay replay) {
        Map<RigKey, SpoofSuspicion> suspicions = new HashMap<>();
        for (Alert alert : replay.openAlerts()) {
            if (alert.type() == AlertType.SPOOF_SUSPECTED) {
                suspicions.put(alert.rig(), new SpoofSuspicion(alert.openedAt(),
                        "raised before the collector restarted: " + alert.summary()));
            }
        }
        Set<RigKey> keys = new HashSet<>(suspicions.keySet());
        keys.addAll(replay.rigs().keySet());
        for (RigKey rig : keys) {
            RecordedRig recorded = replay.rigs().get(rig);
            double[] position = recorded != null && recorded.state() == ComplianceState.VIOLATION
                    && recorded.lat() != null && recorded.lon() != null
                    ? new double[] {recorded.lat(), recorded.lon()} : null;
            if (position != null || suspicions.containsKey(rig)) {
                compliance.restore(rig, position, suspicions.get(rig));
            }
        }
    }

    /** Re-judges every rig (policy changed, or time passed), records what changed, updates the alerts. */
    private void reassessAll() {
        judge.reassessAll();
    }

    private void compact(AuditKey key, Duration retention, Clock clock) {
        try {
            eventLog.compact(clock.instant().minus(retention), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void witness() {
        try {
            witness.witness(eventLog.head());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the witness " + witness.file() + ": " + e.getMessage(), e);
        }
    }

    /** Runs on the timers thread, like the periodic reassessment, so that two never judge a rig at once. */
    private void policyChanged() {
        timers.execute(guarded("policy change", () -> {
            auditor.policyChanged(auditedPolicy.getAndSet(policy.get()), policy.get());
            reassessAll();
        }));
    }

    /** A new sanctions list screens every rig again, on the timers thread like a policy change. */
    private void sanctionsChanged() {
        timers.execute(guarded("sanctions list change", this::reassessAll));
    }

    /** Reads the policy file again, as on SIGHUP. */
    public boolean reloadPolicy() {
        return policy.reload();
    }

    /** Reads the imported sanctions list again, as on SIGHUP; false when there is none or it is refused. */
    public boolean reloadSanctions() {
        return sanctions.reload();
    }

    /** The plain MQTT listener's address, or null when plain MQTT is off. */
    public InetSocketAddress mqttAddress() {
        return mqtt.address();
    }

    /** The MQTT-over-TLS listener's address, or null when TLS is not configured. */
    public InetSocketAddress mqttTlsAddress() {
        return mqtt.tlsAddress();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public RigRegistry registry() {
        return registry;
    }

    public AlertBook alerts() {
        return alerts;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    /** The last head, once everything queued is on disk, so the witness holds the whole log. */
    private void closeWitness() {
        try (witness) {
            witness.witness(eventLog.head());
        } catch (IOException e) {
            LOG.error("cannot write the last checkpoint to the witness {}: {}", witness.file(), e.getMessage());
        }
    }

    private static ThreadFactory daemonThread(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void stop(ScheduledExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        mqtt.close();
        http.close();
        stop(timers);
        stop(snapshots);
        rigSnapshot.write();
        policy.close();
        sanctions.close();
        notifier.close();
        eventLog.close();
        if (witness != null) {
            closeWitness();
        }
        journal.close();
        metrics.close();
        LOG.info("collector stopped");
    }
}
