package io.hashfence.collector.ingest;

import io.hashfence.collector.site.SiteAuthenticator;
import java.util.concurrent.Executor;

/**
 * What the authentication stage checks a CONNECT with: the site credentials (checked on {@code executor},
 * off the event loop), the connection's measured facts, and the open sessions a new one may take over.
 */
record SiteLogin(
        SiteAuthenticator authenticator, Executor executor, ConnectionInspector inspector, SessionRegistry sessions) {}
