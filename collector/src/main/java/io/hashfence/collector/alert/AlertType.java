package io.hashfence.collector.alert;

/** What an alert is about; {@link #alertName()} is its Alertmanager {@code alertname}. */
public enum AlertType {
    IN_RESTRICTED_JURISDICTION("RigInRestrictedJurisdiction"),
    NEAR_RESTRICTED_BORDER("RigNearRestrictedBorder"),
    LOCATION_UNVERIFIED("RigLocationUnverified"),
    LOCATION_UNKNOWN("RigLocationUnknown"),
    RELOCATED("RigRelocated"),
    SPOOF_SUSPECTED("RigLocationSpoofSuspected");

    private final String alertName;

    AlertType(String alertName) {
        this.alertName = alertName;
    }

    public String alertName() {
        return alertName;
    }

    public static AlertType fromAlertName(String name) {
        for (AlertType type : values()) {
            if (type.alertName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown alertname " + name);
    }
}
