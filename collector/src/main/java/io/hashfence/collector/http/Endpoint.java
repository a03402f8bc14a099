package io.hashfence.collector.http;

/** One HTTP resource. */
@FunctionalInterface
public interface Endpoint {
    Response handle(Request request);
}
