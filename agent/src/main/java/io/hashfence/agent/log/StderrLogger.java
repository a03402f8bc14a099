package io.hashfence.agent.log;

import java.io.PrintStream;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One line per event on standard error: {@code 2026-11-26T12:00:00.123Z INFO SiteConnection - message}, the
 * time in UTC. Written here rather than by slf4j-simple, whose SimpleDateFormat pulls in calendar and locale
 * data worth 1 MiB of the agent's resident memory (docs/BENCHMARKS.md).
 */
final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final String shortName;
    private final Level threshold;

    StderrLogger(String name, Level threshold) {
        this.name = name;
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
        this.threshold = threshold;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        String line = Instant.ofEpochMilli(System.currentTimeMillis()) + " " + level + " " + shortName + " - "
                + MessageFormatter.basicArrayFormat(messagePattern, arguments);
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    /** slf4j numbers levels from TRACE 0 up to ERROR 40. */
    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }
}
