package io.hashfence.collector.ingest;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.audit.Auditor;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.config.FleetConfig;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceJournal;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.judge.RigJudge;
import io.hashfence.collector.screening.BundledAsnDatabase;
import io.hashfence.collector.screening.SanctionsStore;
import io.hashfence.collector.screening.Screener;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.SiteStatusCodec;
import io.hashfence.protocol.TelemetryCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The real ingest behind the routing stage, on a data directory: registry, compliance, event log and
 * sequence journal, wired as {@link MqttServer} wires them.
 */
final class IngestWiring implements AutoCloseable {
    final IpCountryDatabase ipCountries = IpCountryDatabase.loadBundled();
    final EventLog eventLog;
    final SequenceJournal journal;
    final RigRegistry registry;
    final PublishRouter router;

    IngestWiring(Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        GeoIndex geo = GeoIndex.loadBundled();
        var policy = new PolicyParser(geo).defaultPolicy();
        var sanctions = SanctionsStore.bundled();
        eventLog = EventLog.open(dir, clock, event -> {});
        SequenceWindows seen = new SequenceWindows();
        journal = SequenceJournal.open(dir, seen);
        registry = new RigRegistry(clock, FleetConfig.defaults(), seen);
        RigJudge judge = new RigJudge(
                new ComplianceEngine(geo, () -> policy, ComplianceConfig.defaults(), clock),
                new Auditor(eventLog, Map.of(), Map.of()),
                new AlertBook(AlertConfig.defaults(), clock, notification -> {}),
                new Screener(() -> sanctions, () -> policy, ipCountries, new BundledAsnDatabase(), clock));
        RefusalLog refusals = new RefusalLog(new ThrottledLog());
        router = new PublishRouter(
                new TelemetryIngest(
                        new TelemetryCodec(clock), new IngestTargets(registry, judge, eventLog, journal), refusals),
                new SiteStatusIngest(new SiteStatusCodec(), registry, refusals),
                refusals);
    }

    DurableStores stores() {
        return new EventLogAndJournal(eventLog, journal);
    }

    @Override
    public void close() {
        eventLog.close();
        journal.close();
    }
}
