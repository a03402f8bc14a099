-- Which collector a site's agents are connected to now: the one its last connection authenticated on. Only that
-- collector notifies (webhook, Alertmanager) the site's alerts and writes them to open_alert.
CREATE TABLE site_owner (
    site text PRIMARY KEY,
    node text NOT NULL,
    since timestamptz NOT NULL DEFAULT now()
);
