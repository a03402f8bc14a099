package io.hashfence.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One collector for a whole test class: a site for the tests to abuse, and another site's {@link Bystander}
 * connection, open all along, that must be unharmed after every test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CollectorWithBystander shared = new CollectorWithBystander("site-a", "site-b");
 * }</pre>
 */
public final class CollectorWithBystander implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final String site;
    private final String bystanderSite;
    private Path dataDir;
    private RunningCollector collector;
    private String token;
    private Bystander bystander;

    public CollectorWithBystander(String site, String bystanderSite) {
        this.site = site;
        this.bystanderSite = bystanderSite;
    }

    public RunningCollector collector() {
        return collector;
    }

    /** The token of the site the tests abuse. */
    public String token() {
        return token;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("hashfence-" + context.getDisplayName());
        collector = new RunningCollector(dataDir);
        token = collector.addSite(site);
        bystander = Bystander.connect(collector, bystanderSite);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        bystander.assertUnharmed();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        bystander.close();
        collector.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(CollectorWithBystander::delete);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
