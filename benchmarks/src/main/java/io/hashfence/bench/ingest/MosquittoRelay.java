package io.hashfence.bench.ingest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Mosquitto relaying every message to one subscriber: the cost of merely moving the messages. */
final class MosquittoRelay implements IngestTarget {
    private final MosquittoBroker broker;
    private final RelaySubscriber subscriber;

    private MosquittoRelay(MosquittoBroker broker, RelaySubscriber subscriber) {
        this.broker = broker;
        this.subscriber = subscriber;
    }

    static MosquittoRelay start(Path workDir, int qos) throws Exception {
        MosquittoBroker broker = MosquittoBroker.start(workDir);
        try {
            return new MosquittoRelay(broker, RelaySubscriber.start(broker.address(), qos));
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "mosquitto relay";
    }

    @Override
    public InetSocketAddress address() {
        return broker.address();
    }

    @Override
    public String password(String site) {
        return null;
    }

    @Override
    public long delivered() {
        return subscriber.received();
    }

    @Override
    public long refused() {
        return 0;
    }

    @Override
    public double cpuSeconds() throws IOException {
        return broker.process().cpuSeconds();
    }

    @Override
    public long rssBytes() throws IOException {
        return broker.process().rssBytes();
    }

    @Override
    public void close() throws InterruptedException {
        subscriber.close();
        broker.close();
    }
}
