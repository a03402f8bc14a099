package io.hashfence.collector.ingest;

/** The message a client asked to have published if its connection ends without DISCONNECT. */
record Will(String topic, byte[] payload) {}
