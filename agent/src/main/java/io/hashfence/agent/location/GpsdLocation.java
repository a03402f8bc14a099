package io.hashfence.agent.location;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.agent.json.JsonTrees;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Positions from gpsd (TCP 2947): after {@code ?WATCH={"enable":true,"json":true}} gpsd streams JSON reports;
 * TPV reports with {@code mode} 2 (2D) or 3 (3D) are fixes. {@code status} 8 marks a simulated fix, which is
 * passed on as {@code simulated}. A background thread keeps the connection, reconnecting when it drops; a fix
 * older than {@code maxAge} is not reported.
 */
public final class GpsdLocation implements LocationProvider {
    private static final Logger log = LoggerFactory.getLogger(GpsdLocation.class);
    private static final String WATCH = "?WATCH={\"enable\":true,\"json\":true}\n";
    private static final int SIMULATED_STATUS = 8;
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final Duration maxAge;
    private final Clock clock;
    private final Thread reader;
    private volatile Fix latest;
    private volatile String state = "not connected yet";
    private volatile boolean closed;
    private volatile Socket socket;

    private record Fix(Location location, Instant receivedAt) {}

    private GpsdLocation(String host, int port, Duration maxAge, Clock clock) {
        this.host = host;
        this.port = port;
        this.maxAge = maxAge;
        this.clock = clock;
        this.reader = new Thread(this::readForever, "hashfence-gpsd");
        reader.setDaemon(true);
    }

    public static GpsdLocation start(String host, int port, Duration maxAge, Clock clock) {
        GpsdLocation gpsd = new GpsdLocation(host, port, maxAge, clock);
        gpsd.reader.start();
        return gpsd;
    }

    @Override
    public Optional<Location> current() {
        Fix fix = latest;
        if (fix == null || fix.receivedAt().plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(fix.location());
    }

    @Override
    public String describe() {
        Fix fix = latest;
        String position = fix == null
                ? "no fix yet"
                : "last fix " + fix.location().lat() + ", " + fix.location().lon()
                        + (fix.location().simulated() ? " (simulated)" : "");
        return "gpsd at " + host + ":" + port + ": " + state + "; " + position;
    }

    private void readForever() {
        Duration delay = Duration.ofSeconds(1);
        while (!closed) {
            try (Socket connection = new Socket()) {
                socket = connection;
                connection.connect(new InetSocketAddress(host, port), 5000);
                connection.getOutputStream().write(WATCH.getBytes(StandardCharsets.US_ASCII));
                connection.getOutputStream().flush();
                state = "connected";
                log.info("gpsd: connected to {}:{}", host, port);
                delay = Duration.ofSeconds(1);
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    accept(line);
                }
                state = "gpsd closed the connection";
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                state = "cannot connect: " + e.getMessage();
                log.warn("gpsd: {}:{}: {}; retrying in {}s", host, port, e.getMessage(), delay.toSeconds());
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        }
    }

    /** Takes one gpsd report; anything but a usable TPV is ignored. */
    void accept(String line) {
        JsonNode report;
        try {
            report = JsonTrees.read(line);
        } catch (IOException e) {
            log.debug("gpsd: ignoring a line that is not JSON: {}", line);
            return;
        }
        if (report == null
                || !"TPV".equals(report.path("class").asText())
                || report.path("mode").asInt(0) < 2
                || !report.path("lat").isNumber()
                || !report.path("lon").isNumber()) {
            return;
        }
        double lat = report.get("lat").doubleValue();
        double lon = report.get("lon").doubleValue();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            return;
        }
        Double accuracy = accuracy(report);
        Instant fixTime = null;
        if (report.path("time").isTextual()) {
            try {
                fixTime = Instant.parse(report.get("time").asText());
            } catch (DateTimeParseException e) {
                fixTime = null;
            }
        }
        boolean simulated = report.path("status").asInt(0) == SIMULATED_STATUS;
        latest = new Fix(new Location(lat, lon, LocationSource.GPS, accuracy, fixTime, simulated), clock.instant());
    }

    /** Horizontal accuracy: gpsd's {@code eph} when present, else the larger of {@code epx} and {@code epy}. */
    private static Double accuracy(JsonNode report) {
        if (report.path("eph").isNumber()) {
            return report.get("eph").doubleValue();
        }
        if (report.path("epx").isNumber() && report.path("epy").isNumber()) {
            return Math.max(report.get("epx").doubleValue(), report.get("epy").doubleValue());
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        Socket connection = socket;
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                log.debug("gpsd: closing: {}", e.toString());
            }
        }
    }
}
