-- The alert book's firing alerts, one per (rig, type), as the alert object of the API and the webhook (JSON):
-- the collector a site moves to adopts them, under their ids, instead of opening and notifying them again.
CREATE TABLE open_alert (
    site text NOT NULL,
    rig text NOT NULL,
    alertname text NOT NULL,
    id text NOT NULL,
    alert jsonb NOT NULL,
    node text NOT NULL,
    updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, rig, alertname)
);
