package io.hashfence.bench.failover;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One site's MQTT 5 connection through HAProxy, as an agent keeps it: its rigs publish one QoS 1 sample each
 * per interval, spread evenly; a sample stays in flight until its PUBACK and is sent again (DUP) on the next
 * connection if the connection drops first; a dropped connection is retried after 1 s, doubling up to 60 s,
 * each wait jittered down by up to half, as the agent does. It records every sample it published and every
 * PUBACK, and when each drop happened and when the next CONNACK came.
 */
final class SiteLink implements Runnable {
    /** In flight at most, below the collector's receive maximum (1,024). */
    private static final int MAX_IN_FLIGHT = 1_000;

    private static final long FIRST_SEQ = 1_000_000_000_000L;
    private static final long FIRST_BACKOFF_MILLIS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    /** A sample: its rig (index in the fleet) and sequence number, packed in one long. */
    static long sample(int rig, long seq) {
        return (long) rig << 32 | (seq - FIRST_SEQ);
    }

    static int rigOf(long sample) {
        return (int) (sample >>> 32);
    }

    static long seqOf(long sample) {
        return (sample & 0xFFFF_FFFFL) + FIRST_SEQ;
    }

    /** A connection that dropped, and when the next one was accepted (null: never). */
    record Outage(Instant dropped, Instant reconnected) {}

    private record InFlight(long sample, byte[] frame) {}

    private final String site;
    private final String token;
    private final List<FleetRig> rigs;
    private final Duration interval;
    private final InetSocketAddress haproxy;
    private final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();
    private final List<Long> published = new ArrayList<>();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Outage> outages = new ArrayList<>();
    private final AtomicLong refusedPublishes = new AtomicLong();
    private final long[] nextSeq;
    private volatile boolean draining;
    private volatile boolean finished;
    private int packetId;
    private int failures;
    private Instant droppedAt;

    SiteLink(String site, String token, List<FleetRig> rigs, Duration interval, InetSocketAddress haproxy) {
        this.site = site;
        this.token = token;
        this.rigs = rigs;
        this.interval = interval;
        this.haproxy = haproxy;
        this.nextSeq = new long[rigs.size()];
        Arrays.fill(nextSeq, FIRST_SEQ);
    }

    /** Publishes no new samples; the link ends once every sample in flight is acknowledged. */
    void drain() {
        draining = true;
    }

    boolean finished() {
        return finished;
    }

    synchronized List<Long> published() {
        return List.copyOf(published);
    }

    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    synchronized List<Outage> outages() {
        List<Outage> all = new ArrayList<>(outages);
        if (droppedAt != null) {
            all.add(new Outage(droppedAt, null));
        }
        return all;
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    long refusedPublishes() {
        return refusedPublishes.get();
    }

    @Override
    public void run() {
        while (!finished) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(haproxy, 10_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(MqttFrames.connect(site + "-bench", site, token));
                out.flush();
                if (!connAccepted(in)) {
                    throw new IOException("CONNACK refused");
                }
                connected();
                AtomicBoolean lost = new AtomicBoolean();
                Thread reader = new Thread(() -> readAcks(in, lost), "acks-" + site);
                reader.setDaemon(true);
                reader.start();
                try {
                    serve(out, lost);
                } finally {
                    socket.close();
                    reader.join();
                }
            } catch (IOException dropped) {
                markDropped();
                backOff();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void serve(OutputStream out, AtomicBoolean lost) throws IOException, InterruptedException {
        List<byte[]> resend = new ArrayList<>();
        synchronized (this) {
            inFlight.values().forEach(sample -> resend.add(MqttFrames.withDup(sample.frame())));
        }
        for (byte[] frame : resend) {
            out.write(frame);
        }
        out.flush();
        long spacingNanos = interval.toNanos() / rigs.size();
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(spacingNanos);
        int rig = ThreadLocalRandom.current().nextInt(rigs.size());
        while (true) {
            if (lost.get()) {
                throw new IOException("connection lost");
            }
            if (draining) {
                synchronized (this) {
                    if (inFlight.isEmpty()) {
                        out.write(MqttFrames.disconnect());
                        out.flush();
                        finished = true;
                        return;
                    }
                    wait(100);
                }
                continue;
            }
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            next += spacingNanos;
            byte[] frame;
            synchronized (this) {
                if (inFlight.size() >= MAX_IN_FLIGHT) {
                    continue;
                }
                packetId = packetId % 65_535 + 1;
                while (inFlight.containsKey(packetId)) {
                    packetId = packetId % 65_535 + 1;
                }
                FleetRig publisher = rigs.get(rig);
                long seq = nextSeq[rig]++;
                frame = MqttFrames.publish(
                        packetId,
                        publisher.topic(site),
                        publisher.telemetry(site, seq, Instant.now().truncatedTo(ChronoUnit.MILLIS), interval));
                long sample = sample(publisher.index(), seq);
                inFlight.put(packetId, new InFlight(sample, frame));
                published.add(sample);
            }
            out.write(frame);
            out.flush();
            rig = (rig + 1) % rigs.size();
        }
    }

    private void readAcks(DataInputStream in, AtomicBoolean lost) {
        try {
            while (true) {
                int header = in.readUnsignedByte();
                byte[] body = new byte[MqttFrames.readLength(in)];
                in.readFully(body);
                if (header >>> 4 == MqttFrames.PUBACK) {
                    int id = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
                    int reason = body.length > 2 ? body[2] & 0xFF : 0;
                    synchronized (this) {
                        InFlight sample = inFlight.remove(id);
                        if (sample != null) {
                            if (reason < 0x80) {
                                acknowledged.add(sample.sample());
                            } else {
                                refusedPublishes.incrementAndGet();
                            }
                        }
                        notifyAll();
                    }
                }
            }
        } catch (IOException closed) {
            synchronized (this) {
                lost.set(true);
                notifyAll();
            }
        }
    }

    private static boolean connAccepted(DataInputStream in) throws IOException {
        int header = in.readUnsignedByte();
        byte[] body = new byte[MqttFrames.readLength(in)];
        in.readFully(body);
        return header >>> 4 == MqttFrames.CONNACK && body.length >= 2 && body[1] == 0;
    }

    private synchronized void connected() {
        failures = 0;
        if (droppedAt != null) {
            outages.add(new Outage(droppedAt, Instant.now()));
            droppedAt = null;
        }
    }

    private synchronized void markDropped() {
        if (droppedAt == null) {
            droppedAt = Instant.now();
        }
    }

    private void backOff() {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures, 16));
        failures++;
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = true;
        }
    }

    /** The few MQTT 5 packets a site link writes and reads, encoded by hand. */
    static final class MqttFrames {
        static final int CONNACK = 2;
        static final int PUBACK = 4;

        private MqttFrames() {}

        static byte[] connect(String clientId, String user, String password) {
            ByteArrayOutputStream variable = new ByteArrayOutputStream();
            string(variable, "MQTT");
            variable.write(5);
            variable.write(0x02 | 0x80 | 0x40); // clean start, user name, password
            variable.write(0);
            variable.write(60); // keep alive 60 s
            variable.write(3); // properties: Receive Maximum 65535
            variable.write(0x21);
            variable.write(0xFF);
            variable.write(0xFF);
            string(variable, clientId);
            string(variable, user);
            string(variable, password);
            return packet(1 << 4, variable.toByteArray());
        }

        static byte[] publish(int packetId, String topic, String payload) {
            ByteArrayOutputStream variable = new ByteArrayOutputStream();
            string(variable, topic);
            variable.write(packetId >>> 8);
            variable.write(packetId & 0xFF);
            variable.write(0); // no properties
            variable.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
            return packet(3 << 4 | 1 << 1, variable.toByteArray());
        }

        static byte[] withDup(byte[] publish) {
            byte[] copy = publish.clone();
            copy[0] |= 0x08;
            return copy;
        }

        static byte[] disconnect() {
            return new byte[] {(byte) (14 << 4), 0};
        }

        static int readLength(InputStream in) throws IOException {
            int length = 0;
            for (int shift = 0; shift < 28; shift += 7) {
                int digit = in.read();
                if (digit < 0) {
                    throw new IOException("connection closed");
                }
                length |= (digit & 0x7F) << shift;
                if ((digit & 0x80) == 0) {
                    return length;
                }
            }
            throw new IOException("malformed remaining length");
        }

        private static byte[] packet(int header, byte[] variable) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(variable.length + 5);
            out.write(header);
            int length = variable.length;
            do {
                int digit = length & 0x7F;
                length >>>= 7;
                out.write(length > 0 ? digit | 0x80 : digit);
            } while (length > 0);
            out.writeBytes(variable);
            return out.toByteArray();
        }

        private static void string(ByteArrayOutputStream out, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 8);
            out.write(bytes.length & 0xFF);
            out.writeBytes(bytes);
        }
    }
}
