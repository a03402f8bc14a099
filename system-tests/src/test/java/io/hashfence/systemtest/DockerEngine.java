package io.hashfence.systemtest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.hashfence.testing.Requirement;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine the container tests drive through Testcontainers, and the local images they start from.
 * Without an engine, or without the images {@code ./hashfence images} makes, a test is skipped naming what to
 * do (failed with {@code CI=true}, where {@code ./hashfence test} provides both).
 */
final class DockerEngine {
    /** Java 17 on Debian: the collector's and agent's runtime here, and the host the .deb packages install on. */
    static final String JRE_IMAGE = "hashfence/jre:17";

    static final String PROMETHEUS_IMAGE = "hashfence/prometheus:debian";
    static final String ALERTMANAGER_IMAGE = "hashfence/alertmanager:debian";
    /** Debian with Java 17 and systemd's tools: where the .deb packages are installed. */
    static final String DEBIAN_HOST_IMAGE = "hashfence/debian-host:bookworm";

    private DockerEngine() {}

    /** The engine's client, once the engine answers and has every one of the images. */
    static DockerClient requireImages(String... images) {
        Requirement.require(
                DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers: install the Debian package docker.io and start it (dockerd --iptables=false);"
                        + " ./hashfence test does both");
        DockerClient client = DockerClientFactory.instance().client();
        for (String image : images) {
            Requirement.require(
                    exists(client, image), "the image " + image + " is missing: ./hashfence images makes it");
        }
        return client;
    }

    private static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
