package io.hashfence.collector.ingest;

import io.hashfence.collector.fleet.RigRegistry;

/**
 * What the routing stage hands messages to: the router, the fleet registry (told when a connection ends),
 * and the stores whose queued positions bracket each routed message.
 */
record RoutingTargets(PublishRouter router, RigRegistry registry, DurableStores stores) {}
