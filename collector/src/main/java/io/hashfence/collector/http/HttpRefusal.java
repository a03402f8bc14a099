package io.hashfence.collector.http;

/** Why the HTTP listener turned a request away; the {@code reason} label of its refusal counter. */
public enum HttpRefusal {
    /** A protected endpoint asked for without the API token, or with a wrong one: 401. */
    UNAUTHORIZED("unauthorized"),
    /** The request line and headers did not all arrive within {@code http.request_head_timeout}: 408, closed. */
    REQUEST_HEAD_TIMEOUT("request_head_timeout"),
    /**
     * A list endpoint was given a query parameter it does not take, or a value it cannot use (a limit out of
     * range, an unknown state, a cursor of another list): 400.
     */
    BAD_PARAMETER("bad_parameter");

    private final String label;

    HttpRefusal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
