package io.hashfence.collector;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public final class Version implements IVersionProvider {
    public static String current() {
        String version = Collector.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hashfence-collector " + current()};
    }
}
