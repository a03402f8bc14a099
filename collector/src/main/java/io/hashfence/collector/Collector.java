package io.hashfence.collector;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertSinks;
import io.hashfence.collector.alert.Notification;
import io.hashfence.collector.alert.NotificationMetrics;
import io.hashfence.collector.alert.Notifier;
import io.hashfence.collector.alert.OpenAlertMetrics;
import io.hashfence.collector.audit.AuditKey;
import io.hashfence.collector.audit.Auditor;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.LogReplay;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.Locator;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.PolicyException;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.compliance.PolicyStore;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.fleet.RigLine;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.RigSnapshot;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.http.AlertsEndpoint;
import io.hashfence.collector.http.ApiToken;
import io.hashfence.collector.http.FleetMetrics;
import io.hashfence.collector.http.HealthEndpoint;
import io.hashfence.collector.http.HttpMetrics;
import io.hashfence.collector.http.HttpServer;
import io.hashfence.collector.http.LocateEndpoint;
import io.hashfence.collector.http.MetricsEndpoint;
import io.hashfence.collector.http.RigClearEndpoint;
import io.hashfence.collector.http.RigMetricsEndpoint;
import io.hashfence.collector.http.RigsEndpoint;
import io.hashfence.collector.http.Route;
import io.hashfence.collector.http.ScrapeTargetsEndpoint;
import io.hashfence.collector.http.ScrapeWorkers;
import io.hashfence.collector.ingest.IngestMetrics;
import io.hashfence.collector.ingest.IngestOutcome;
import io.hashfence.collector.ingest.IngestTargets;
import io.hashfence.collector.ingest.MqttServer;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.judge.ReassessmentTurns;
import io.hashfence.collector.judge.RestoredVerdicts;
import io.hashfence.collector.judge.RigJudge;
import io.hashfence.collector.metrics.CollectorMetrics;
import io.hashfence.collector.metrics.ReloadMetrics;
import io.hashfence.collector.report.ReportEndpoint;
import io.hashfence.collector.screening.BundledAsnDatabase;
import io.hashfence.collector.screening.SanctionsStore;
import io.hashfence.collector.screening.Screener;
import io.hashfence.collector.site.RevocationWatch;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.storage.PrivateFiles;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.collector.storage.StorageMetrics;
import io.hashfence.collector.store.CollectorStores;
import io.hashfence.collector.store.FleetState;
import io.hashfence.collector.store.SiteSharing;
import io.hashfence.collector.transport.Transport;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector, and its composition root: the one place that builds every part and wires them together.
 * A telemetry message flows MQTT frame -> ingest -> registry -> locate -> evidence -> policy -> screening ->
 * alerts -> event log, and is read back through metrics and HTTP. The constructor builds the stages in that order,
 * with two exceptions it needs: the stored state comes first (replaying the event log restores the registry's, the
 * verdicts' and the alerts' state), and the MQTT listener last, once every stage it hands messages to exists. Then
 * it opens HTTP, starts the periodic jobs and logs where it listens. {@link #close()} stops them in turn.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final Duration EVERY_SECOND = Duration.ofSeconds(1);

    private final ScheduledJobs timers = new ScheduledJobs("collector-timers");
    // Writing a large fleet's snapshot takes long enough to delay alert ticks, so it has its own thread.
    private final ScheduledJobs snapshots = new ScheduledJobs("rig-snapshot");
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final AtomicReference<Policy> auditedPolicy = new AtomicReference<>();
    private final EventLog eventLog;
    private final Auditor auditor;
    private final SequenceRecorder journal;
    private final RigRegistry registry;
    private final RigSnapshot rigSnapshot;
    private final PolicyStore policy;
    private final ComplianceEngine compliance;
    private final SanctionsStore sanctions;
    private final Notifier notifier;
    private final AlertBook alerts;
    private final RigJudge judge;
    private final Screener screener;
    private final MqttServer mqtt;
    private final IngestMetrics ingestMetrics = new IngestMetrics();
    private final HttpServer http;
    private final ScrapeWorkers scrapeWorkers = ScrapeWorkers.perCore();
    private final EventLogWitness witness;
    /** The data directory, or the store the fleet's collectors share ({@code store.url}). */
    private final CollectorStores stores;
    /** How the fleet's state reaches the collector a site moves to (nothing, with the data directory alone). */
    private final SiteSharing sharing;

    private final SiteCredentials credentials;

    private Collector(CollectorConfig config, Clock clock, CollectorStores stores)
            throws IOException, InterruptedException, PolicyException {
        CollectorJson json = new CollectorJson();
        this.stores = stores;
        credentials = stores.credentials();
        credentials.prepare();
        Transport transport = Transport.best();
        long started = System.nanoTime();
        GeoIndex geo = GeoIndex.loadBundled();
        IpCountryDatabase ipCountries = IpCountryDatabase.loadBundled();
        LOG.info("boundary data and IP database loaded in {} ms", (System.nanoTime() - started) / 1_000_000);

        // What the data directory holds from the last run: the event log, the sequence journal, the rigs.
        LogReplay replay = LogReplay.startingFrom(config.dataDir());
        StorageMetrics storageMetrics = new StorageMetrics();
        StorageHealth storage = new StorageHealth(storageMetrics);
        eventLog = EventLog.open(
                config.dataDir(),
                clock,
                replay,
                storage,
                stores.eventLogMirror().orElse(null));
        auditor = new Auditor(eventLog, replay.rigs(), replay.sparedAlerts());
        SequenceWindows seen = new SequenceWindows();
        journal = stores.sequences(seen, storage);

        // Registry: the latest state of every rig, and the duplicate check.
        registry = new RigRegistry(clock, config.fleet(), seen);

        // Locate, evidence, policy: the compliance verdict, held across restarts (the rig snapshot restores the rigs
        // into the registry and their location histories into the compliance engine, the event log their verdicts).
        ReloadMetrics policyReloads = ReloadMetrics.policy();
        policy = new PolicyStore(
                config.compliance().policyFile(), new PolicyParser(geo), policyReloads, this::policyChanged);
        auditedPolicy.set(policy.get());
        auditor.policyLoaded(policy.get());
        compliance = new ComplianceEngine(geo, policy, config.compliance(), clock);
        rigSnapshot = new RigSnapshot(
                config.dataDir(),
                registry,
                compliance.historiesAcrossRestarts(),
                new TelemetryCodec(clock),
                storage,
                json);
        rigSnapshot.restore();
        RestoredVerdicts.restore(replay, compliance);

        // Screening: payouts against the sanctions list, pools and hosting networks against the policy.
        ReloadMetrics sanctionsReloads = ReloadMetrics.sanctions();
        sanctions =
                new SanctionsStore(SanctionsStore.fileIn(config.dataDir()), sanctionsReloads, this::sanctionsChanged);
        screener = new Screener(sanctions, policy, ipCountries, new BundledAsnDatabase(), clock);
        screener.prepareFor(policy.get());

        // Alerts: every transition recorded in the event log, then sent to the sinks.
        NotificationMetrics notifications = new NotificationMetrics();
        notifier = new Notifier(
                AlertSinks.configured(config.alerts(), () -> httpAddress().getPort(), clock, json),
                config.alerts(),
                notifications,
                clock);
        alerts = new AlertBook(config.alerts(), clock, this::alertTransition, stores.alertIdPrefix());
        sharing = stores.siteSharing(new FleetState(
                registry, new RigLine(new TelemetryCodec(clock), json), compliance, alerts, json, storage));
        alerts.restore(replay.openAlerts(), replay.highestAlertNumber());
        if (!replay.openAlerts().isEmpty()) {
            LOG.info(
                    "{} open alert(s) restored from the event log",
                    replay.openAlerts().size());
        }

        // The judge runs one rig at a time through compliance, screening, the event log and the alerts.
        judge = new RigJudge(compliance, auditor, alerts, screener);

        // MQTT: agents' frames in, through authentication and ingest to the registry and the judge.
        mqtt = new MqttServer(
                config.mqtt(),
                transport,
                new SiteAuthenticator(credentials),
                sharing.handover(),
                new IngestTargets(registry, judge, eventLog, journal),
                ipCountries,
                ingestMetrics,
                clock);

        // Metrics and the HTTP API: what the pipeline knows, read back.
        HttpMetrics httpMetrics = new HttpMetrics();
        metrics.register(
                ingestMetrics,
                new OpenAlertMetrics(alerts),
                notifications,
                policyReloads,
                sanctionsReloads,
                storageMetrics,
                httpMetrics);
        Path tokenFile = config.http().apiTokenFile() != null
                ? config.http().apiTokenFile()
                : config.dataDir().resolve("api-token");
        http = new HttpServer(
                config.http(),
                transport,
                routes(config, clock, json, geo, screener, storage, httpMetrics),
                ApiToken.loadOrCreate(tokenFile),
                httpMetrics,
                json);

        witness = config.audit().witnessDir() == null
                ? null
                : EventLogWitness.start(config.audit().witnessDir(), config.dataDir(), eventLog, clock);
        startJobs(config, clock, credentials);
        StartupLog.listeners(config, transport, mqtt.address(), mqtt.tlsAddress(), http.address());
        StartupLog.apiToken(!config.http().openReadEndpoints(), tokenFile);
        StartupLog.sites(credentials, stores.sitesOption());
    }

    /** Every alert transition goes into the event log; the sinks and the store hear of those this collector serves. */
    private void alertTransition(Notification notification) {
        auditor.alertTransition(notification);
        if (notifiesFor(notification.alert())) {
            notifier.accept(notification);
            sharing.alertStore().transitioned(notification);
        }
    }

    /** An acknowledgement goes into the event log, and into the store with the alert if this collector serves it. */
    private void alertAcknowledged(Alert alert) {
        auditor.alertAcknowledged(alert);
        if (notifiesFor(alert)) {
            sharing.alertStore().acknowledged(alert);
        }
    }

    /** Starts a collector; a start that fails lets go of the stores it opened (a shared store's node name too). */
    public static Collector start(CollectorConfig config, Clock clock)
            throws IOException, InterruptedException, PolicyException {
        config.mqtt().requireListener();
        PrivateFiles.directory(config.dataDir());
        CollectorStores stores = CollectorStores.open(config);
        try {
            return new Collector(config, clock, stores);
        } catch (IOException | InterruptedException | PolicyException | RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private List<Route> routes(
            CollectorConfig config,
            Clock clock,
            CollectorJson json,
            GeoIndex geo,
            Screener screener,
            StorageHealth storage,
            HttpMetrics httpMetrics) {
        RigsEndpoint rigs =
                new RigsEndpoint(registry, compliance, new TelemetryCodec(clock), screener, alerts, httpMetrics);
        AlertsEndpoint alertsEndpoint = new AlertsEndpoint(alerts, this::alertAcknowledged, json, httpMetrics);
        ScrapeTargetsEndpoint scrapeTargets =
                new ScrapeTargetsEndpoint(config.http().metricsShards());
        boolean readsNeedToken = !config.http().openReadEndpoints();
        boolean metricsNeedToken = config.http().protectMetrics();
        return List.of(
                new Route(HttpMethod.GET, MetricsEndpoint.PATH, new MetricsEndpoint(metrics), metricsNeedToken),
                new Route(
                        HttpMethod.GET,
                        RigMetricsEndpoint.PATH,
                        new RigMetricsEndpoint(new FleetMetrics(registry, compliance, scrapeWorkers), httpMetrics),
                        metricsNeedToken),
                new Route(HttpMethod.GET, ScrapeTargetsEndpoint.PATH, scrapeTargets::paths, metricsNeedToken),
                new Route(
                        HttpMethod.GET,
                        ScrapeTargetsEndpoint.PROMETHEUS_PATH,
                        scrapeTargets::prometheus,
                        metricsNeedToken),
                Route.open(HttpMethod.GET, "/healthz", new HealthEndpoint(registry, storage)),
                new Route(HttpMethod.GET, "/api/v1/rigs", rigs::list, readsNeedToken),
                new Route(HttpMethod.GET, "/api/v1/rigs/{site}/{rig}", rigs::one, readsNeedToken),
                Route.open(HttpMethod.GET, "/api/v1/locate", new LocateEndpoint(new Locator(geo, policy))),
                new Route(HttpMethod.GET, "/api/v1/alerts", alertsEndpoint::list, readsNeedToken),
                new Route(HttpMethod.GET, "/api/v1/alerts/{id}", alertsEndpoint::one, readsNeedToken),
                Route.withToken(HttpMethod.POST, "/api/v1/alerts/{id}/ack", alertsEndpoint::acknowledge),
                Route.withToken(
                        HttpMethod.POST,
                        "/api/v1/rigs/{site}/{rig}/clear",
                        new RigClearEndpoint(judge, compliance, json)),
                Route.withToken(HttpMethod.GET, "/api/v1/report", new ReportEndpoint(config.dataDir(), clock, json)));
    }

    /**
     * Everything that runs on a timer. Re-judging every rig (periodically, or for a new policy or sanctions list)
     * runs on the timers thread only, so two such passes never overlap.
     */
    private void startJobs(CollectorConfig config, Clock clock, SiteCredentials credentials) throws IOException {
        timers.every(EVERY_SECOND, "alert tick", alerts::tick);
        snapshots.every(EVERY_SECOND, "rig snapshot", rigSnapshot::writeIfDue);
        ReassessmentTurns reassessment =
                new ReassessmentTurns(judge, config.compliance().reassessInterval());
        timers.every(reassessment.period(), "reassessment", reassessment);
        if (witness != null) {
            timers.every(Duration.ofMinutes(1), "witnessing the event log", witness);
        }
        if (config.audit().retention() != null) {
            AuditKey key = AuditKey.loadOrCreate(config.dataDir());
            Duration retention = config.audit().retention();
            timers.nowAndEvery(Duration.ofHours(1), "event log compaction", () -> compact(key, retention, clock));
        }
        timers.every(EVERY_SECOND, "token revocation", new RevocationWatch(credentials, this::disconnectRevoked));
        timers.every(
                config.alerts().resendInterval(),
                "alert reminders",
                () -> notifier.remind(
                        alerts.firing().stream().filter(this::notifiesFor).toList()));
    }

    /**
     * Whether this collector notifies the alert: always on its own; with a shared store, unless the rig's site is
     * connected to another collector now, which notifies it (and keeps it firing or resolves it) instead.
     */
    private boolean notifiesFor(Alert alert) {
        return sharing.servedHere().test(alert.rig().site());
    }

    private void compact(AuditKey key, Duration retention, Clock clock) {
        try {
            eventLog.compact(clock.instant().minus(retention), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void disconnectRevoked(SiteId site, SiteCredential current) {
        int closed = mqtt.disconnectRevoked(site, current);
        if (closed > 0) {
            LOG.info("site {} token revoked or replaced; closed {} connection(s) that used the old one", site, closed);
        }
    }

    /** A new policy is recorded and every rig judged again, on the timers thread like the periodic reassessment. */
    private void policyChanged() {
        timers.once("policy change", () -> {
            auditor.policyChanged(auditedPolicy.getAndSet(policy.get()), policy.get());
            screener.prepareFor(policy.get());
            judge.reassessAll();
        });
    }

    /** A new sanctions list screens every rig again, on the timers thread like a policy change. */
    private void sanctionsChanged() {
        timers.once("sanctions list change", judge::reassessAll);
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

    /** The site credentials this collector checks CONNECTs against, as far as it has read them. */
    public SiteCredentials siteCredentials() {
        return credentials;
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

    @Override
    public void close() {
        mqtt.close();
        http.close();
        scrapeWorkers.close();
        timers.close();
        snapshots.close();
        rigSnapshot.write();
        policy.close();
        sanctions.close();
        notifier.close();
        eventLog.close();
        if (witness != null) {
            witness.close();
        }
        stores.close();
        metrics.close();
        LOG.info(
                "collector stopped; messages accepted this run: {}, duplicates: {}",
                ingestMetrics.count(IngestOutcome.ACCEPTED),
                ingestMetrics.count(IngestOutcome.DUPLICATE));
    }
}
