package io.hashfence.collector.alert;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What an alert is about; {@link #alertName()} is its Alertmanager {@code alertname}. */
public enum AlertType {
    IN_RESTRICTED_JURISDICTION("RigInRestrictedJurisdiction"),
    NEAR_RESTRICTED_BORDER("RigNearRestrictedBorder"),
    LOCATION_UNVERIFIED("RigLocationUnverified"),
    LOCATION_UNKNOWN("RigLocationUnknown"),
    RELOCATED("RigRelocated"),
    SPOOF_SUSPECTED("RigLocationSpoofSuspected"),
    PAYOUT_TO_SANCTIONED_ADDRESS("PayoutToSanctionedAddress"),
    POOL_IN_RESTRICTED_JURISDICTION("PoolInRestrictedJurisdiction"),
    RIG_ON_SANCTIONED_NETWORK("RigOnSanctionedNetwork");

    /** The alerts of the screening stage (money and traffic), judged apart from the rig's location. */
    public static final Set<AlertType> SCREENING = Collections.unmodifiableSet(
            EnumSet.of(PAYOUT_TO_SANCTIONED_ADDRESS, POOL_IN_RESTRICTED_JURISDICTION, RIG_ON_SANCTIONED_NETWORK));

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
