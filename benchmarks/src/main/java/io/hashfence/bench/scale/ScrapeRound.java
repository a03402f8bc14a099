package io.hashfence.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** One full scrape: every scrape target once, one after the other or all at once, and its wall time. */
record ScrapeRound(long wallNanos, List<CollectorHttp.Scrape> scrapes) {

    static ScrapeRound sequential(CollectorHttp http, List<String> paths, boolean gzip) throws Exception {
        long start = System.nanoTime();
        List<CollectorHttp.Scrape> scrapes = new ArrayList<>();
        for (String path : paths) {
            scrapes.add(http.scrape(path, gzip));
        }
        return new ScrapeRound(System.nanoTime() - start, scrapes);
    }

    static ScrapeRound parallel(CollectorHttp http, List<String> paths, boolean gzip) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(paths.size());
        try {
            long start = System.nanoTime();
            List<Future<CollectorHttp.Scrape>> pending = new ArrayList<>();
            for (String path : paths) {
                pending.add(threads.submit(() -> http.scrape(path, gzip)));
            }
            List<CollectorHttp.Scrape> scrapes = new ArrayList<>();
            for (Future<CollectorHttp.Scrape> scrape : pending) {
                scrapes.add(scrape.get());
            }
            return new ScrapeRound(System.nanoTime() - start, scrapes);
        } finally {
            threads.shutdownNow();
        }
    }

    long wireBytes() {
        return scrapes.stream().mapToLong(CollectorHttp.Scrape::wireBytes).sum();
    }

    long slowestPathNanos() {
        return scrapes.stream().mapToLong(CollectorHttp.Scrape::nanos).max().orElse(0);
    }

    /** Bytes of text, for a round that was not gzipped. */
    long bytes() {
        return wireBytes();
    }

    long series() {
        long series = 0;
        for (CollectorHttp.Scrape scrape : scrapes) {
            series += scrape.series();
        }
        return series;
    }

    /** Series of the per-rig paths, everything but {@code /metrics}. */
    long rigSeries() {
        long series = 0;
        for (CollectorHttp.Scrape scrape : scrapes) {
            if (!scrape.path().equals("/metrics")) {
                series += scrape.series();
            }
        }
        return series;
    }
}
