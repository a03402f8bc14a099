package io.hashfence.collector.ingest;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * A PUBLISH after routing, on its way to the PUBACK sequencer: what became of it, and the stores' queued
 * positions just before and just after it was routed (what lies between may be its writes).
 */
record RoutedPublish(int packetId, MqttQoS qos, IngestOutcome outcome, StorePositions before, StorePositions after) {}
