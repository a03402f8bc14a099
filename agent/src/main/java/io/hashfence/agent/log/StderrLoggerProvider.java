package io.hashfence.agent.log;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/** The agent's slf4j backend: {@link StderrLogger}s at the level of HASHFENCE_LOG_LEVEL, INFO by default. */
public final class StderrLoggerProvider implements SLF4JServiceProvider {
    public static final String LEVEL_VARIABLE = "HASHFENCE_LOG_LEVEL";

    private final Map<String, StderrLogger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private Level threshold = Level.INFO;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, key -> new StderrLogger(key, threshold));
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        String level = System.getenv(LEVEL_VARIABLE);
        if (level != null && !level.isBlank()) {
            try {
                threshold = Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("hashfence-agent: " + LEVEL_VARIABLE + "=" + level
                        + " is not a level (TRACE, DEBUG, INFO, WARN, ERROR); logging at INFO");
            }
        }
    }
}
