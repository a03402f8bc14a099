package io.hashfence.collector.http;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.protocol.Ids;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /api/v1/alerts}, combined (an alert must pass each one given): {@code status}
 * ({@code open}, the default, for pending and firing; {@code pending}; {@code firing}; {@code resolved}, the
 * latest 1,000; {@code all}), {@code site}, {@code rig}, {@code severity} and {@code alertname}.
 */
record AlertFilter(
        Status status,
        Optional<String> site,
        Optional<String> rig,
        Optional<Severity> severity,
        Optional<AlertType> alertname) {
    private static final String STATUSES =
            Arrays.stream(Status.values()).map(Status::label).collect(Collectors.joining(", "));
    private static final String SEVERITIES =
            Arrays.stream(Severity.values()).map(Severity::label).collect(Collectors.joining(", "));
    private static final String ALERT_NAMES =
            Arrays.stream(AlertType.values()).map(AlertType::alertName).collect(Collectors.joining(", "));

    /** Which alerts {@code status} asks for. */
    enum Status {
        /** Pending and firing: the default. */
        OPEN("open"),
        PENDING("pending"),
        FIRING("firing"),
        /** The latest 1,000 resolved alerts. */
        RESOLVED("resolved"),
        ALL("all");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        boolean admits(AlertStatus alert) {
            return switch (this) {
                case OPEN -> alert != AlertStatus.RESOLVED;
                case PENDING -> alert == AlertStatus.PENDING;
                case FIRING -> alert == AlertStatus.FIRING;
                case RESOLVED -> alert == AlertStatus.RESOLVED;
                case ALL -> true;
            };
        }
    }

    static AlertFilter read(QueryParameters query) throws BadParameter {
        return new AlertFilter(
                status(query),
                id("site", query.get("site")),
                id("rig", query.get("rig")),
                severity(query),
                alertname(query));
    }

    /** Whether open (pending and firing) alerts can pass. */
    boolean wantsOpen() {
        return status != Status.RESOLVED;
    }

    /** Whether recently resolved alerts can pass. */
    boolean wantsResolved() {
        return status == Status.RESOLVED || status == Status.ALL;
    }

    boolean admits(Alert alert) {
        return status.admits(alert.status())
                && site.map(alert.rig().site().value()::equals).orElse(true)
                && rig.map(alert.rig().rig().value()::equals).orElse(true)
                && severity.map(alert.severity()::equals).orElse(true)
                && alertname.map(alert.type()::equals).orElse(true);
    }

    /** The filters, by name, as a cursor carries them; the status always, given or by default. */
    SortedMap<String, String> given() {
        SortedMap<String, String> given = new TreeMap<>();
        given.put("status", status.label());
        site.ifPresent(value -> given.put("site", value));
        rig.ifPresent(value -> given.put("rig", value));
        severity.ifPresent(value -> given.put("severity", value.label()));
        alertname.ifPresent(value -> given.put("alertname", value.alertName()));
        return given;
    }

    private static Status status(QueryParameters query) throws BadParameter {
        String given = query.get("status").orElse(Status.OPEN.label());
        for (Status status : Status.values()) {
            if (status.label().equals(given)) {
                return status;
            }
        }
        throw new BadParameter("status", "must be one of " + STATUSES + ", got " + BadParameter.shown(given));
    }

    private static Optional<String> id(String name, Optional<String> given) throws BadParameter {
        if (given.isPresent() && !Ids.isValid(given.get())) {
            throw new BadParameter(name, Ids.RULE + ", got " + BadParameter.shown(given.get()));
        }
        return given;
    }

    private static Optional<Severity> severity(QueryParameters query) throws BadParameter {
        Optional<String> given = query.get("severity");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Optional<Severity> severity = Severity.fromLabel(given.get());
        if (severity.isEmpty()) {
            throw new BadParameter(
                    "severity", "must be one of " + SEVERITIES + ", got " + BadParameter.shown(given.get()));
        }
        return severity;
    }

    private static Optional<AlertType> alertname(QueryParameters query) throws BadParameter {
        Optional<String> given = query.get("alertname");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        for (AlertType type : AlertType.values()) {
            if (type.alertName().equals(given.get())) {
                return Optional.of(type);
            }
        }
        throw new BadParameter(
                "alertname", "must be one of " + ALERT_NAMES + ", got " + BadParameter.shown(given.get()));
    }
}
