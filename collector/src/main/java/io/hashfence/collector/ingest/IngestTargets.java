package io.hashfence.collector.ingest;

import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.judge.RigJudge;

/**
 * Where accepted telemetry goes, in order: the registry, then the judge (compliance, event log, alerts);
 * and the event log and sequence journal whose durability a PUBACK waits for.
 */
public record IngestTargets(RigRegistry registry, RigJudge judge, EventLog eventLog, SequenceRecorder journal) {}
