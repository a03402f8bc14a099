package io.hashfence.collector.ingest;

import io.hashfence.collector.site.SiteAuthenticator;
import java.util.concurrent.Executor;

/**
 * What the authentication stage checks a CONNECT with: the site credentials (checked on {@code executor},
 * off the event loop), the connection's measured facts, the open sessions a new one may take over, and what is
 * read of an authenticated site before its first PUBLISH ({@code handover}, also on {@code executor}).
 */
record SiteLogin(
        SiteAuthenticator authenticator,
        Executor executor,
        ConnectionInspector inspector,
        SessionRegistry sessions,
        SiteHandover handover) {

    /** A login for a collector whose state is its own (no shared store). */
    SiteLogin(
            SiteAuthenticator authenticator,
            Executor executor,
            ConnectionInspector inspector,
            SessionRegistry sessions) {
        this(authenticator, executor, inspector, sessions, SiteHandover.NONE);
    }
}
