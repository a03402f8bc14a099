package io.hashfence.collector.http;

/** How a body in pieces is coded on the wire: as written, or gzipped because the client said it takes gzip. */
public enum ContentCoding {
    IDENTITY,
    GZIP
}
