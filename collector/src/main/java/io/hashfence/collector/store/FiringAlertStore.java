package io.hashfence.collector.store;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.Notification;

/**
 * Where a collector keeps the firing alerts it notifies, with their acknowledgements, for the collector a site
 * may move to.
 */
public interface FiringAlertStore {
    /** Nowhere: a collector on its own. */
    FiringAlertStore NONE = new FiringAlertStore() {
        @Override
        public void transitioned(Notification notification) {}

        @Override
        public void acknowledged(Alert alert) {}
    };

    /** An alert this collector notified fired or resolved. */
    void transitioned(Notification notification);

    /** An operator acknowledged a firing alert this collector notifies. */
    void acknowledged(Alert alert);
}
