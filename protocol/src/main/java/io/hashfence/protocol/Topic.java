package io.hashfence.protocol;

import java.util.Optional;

/**
 * The topic layout: {@code hashfence/v1/{site}/{rig}/telemetry}, {@code hashfence/v1/{site}/status} and
 * {@code hashfence/v1/{site}/command} (collector to agent). Every topic belongs to exactly one site.
 */
public sealed interface Topic {
    String ROOT = "hashfence/v1/";

    SiteId site();

    String name();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of topic, so that a router handles every kind or does not compile. */
    interface Visitor<R> {
        R telemetry(Telemetry topic);

        R status(Status topic);

        R command(Command topic);
    }

    record Telemetry(SiteId site, RigId rig) implements Topic {
        @Override
        public String name() {
            return ROOT + site.value() + "/" + rig.value() + "/telemetry";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.telemetry(this);
        }
    }

    record Status(SiteId site) implements Topic {
        @Override
        public String name() {
            return ROOT + site.value() + "/status";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.status(this);
        }
    }

    record Command(SiteId site) implements Topic {
        @Override
        public String name() {
            return ROOT + site.value() + "/command";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.command(this);
        }
    }

    /** The prefix under which a site may publish: {@code hashfence/v1/{site}/}. */
    static String sitePrefix(SiteId site) {
        return ROOT + site.value() + "/";
    }

    /** Parses a topic name; empty when it is not one of the layout's topics. */
    static Optional<Topic> parse(String name) {
        if (name == null || !name.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] levels = name.substring(ROOT.length()).split("/", -1);
        if (!Ids.isValid(levels[0])) {
            return Optional.empty();
        }
        SiteId site = new SiteId(levels[0]);
        if (levels.length == 2 && levels[1].equals("status")) {
            return Optional.of(new Status(site));
        }
        if (levels.length == 2 && levels[1].equals("command")) {
            return Optional.of(new Command(site));
        }
        if (levels.length == 3 && levels[2].equals("telemetry") && Ids.isValid(levels[1])) {
            return Optional.of(new Telemetry(site, new RigId(levels[1])));
        }
        return Optional.empty();
    }
}
