package io.hashfence.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Finding;
import io.hashfence.collector.compliance.FindingKind;
import io.hashfence.collector.compliance.Jurisdiction;
import io.hashfence.collector.compliance.Restriction;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.Samples;
import io.hashfence.geo.Country;
import io.hashfence.geo.GeoLocation;
import io.hashfence.geo.Subdivision;
import io.hashfence.geo.Zone;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertBookTest {
    static final GeoLocation IRKUTSK =
            new GeoLocation(Zone.LAND, new Country("RU", "Russia"), new Subdivision("RU-IRK", "Irkutsk"));
    static final GeoLocation MINSK =
            new GeoLocation(Zone.LAND, new Country("BY", "Belarus"), new Subdivision("BY-HM", "Minsk"));
    static final GeoLocation ALMATY =
            new GeoLocation(Zone.LAND, new Country("KZ", "Kazakhstan"), new Subdivision("KZ-75", "Almaty City"));
    static final Restriction RUSSIA = new Restriction(new Jurisdiction("RU"), Severity.CRITICAL, "Russia", "test");
    static final Restriction BELARUS = new Restriction(new Jurisdiction("BY"), Severity.CRITICAL, "Belarus", "test");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    final List<Notification> sent = new CopyOnWriteArrayList<>();
    final RigKey rig = new RigKey(SiteId.of("site-1"), RigId.of("rig-1"));

    AlertBook book(Duration dwell, Duration resolveAfter) {
        AlertConfig config = new AlertConfig(
                dwell,
                resolveAfter,
                Duration.ofHours(1),
                20,
                null,
                null,
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                3);
        return new AlertBook(config, clock, sent::add);
    }

    @Test
    void withoutDwellAViolationFiresAtOnceWithItsLabels() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.transition()).isEqualTo(AlertStatus.FIRING);
            assertThat(n.alert().type()).isEqualTo(AlertType.IN_RESTRICTED_JURISDICTION);
            assertThat(n.alert().country()).isEqualTo("RU");
            assertThat(n.alert().subdivision()).isEqualTo("RU-IRK");
            assertThat(n.alert().severity()).isEqualTo(Severity.CRITICAL);
        });
        book.update(rig, violation(IRKUTSK, RUSSIA));
        assertThat(sent).hasSize(1);
        assertThat(book.firing()).hasSize(1);
    }

    @Test
    void anAlertFiresOnlyAfterItsConditionHeldForTheDwellTime() {
        AlertBook book = book(Duration.ofSeconds(30), Duration.ofMinutes(1));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        assertThat(book.open()).singleElement().extracting(Alert::status).isEqualTo(AlertStatus.PENDING);
        clock.advance(Duration.ofSeconds(29));
        book.tick();
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        book.tick();
        assertThat(sent).singleElement().extracting(Notification::transition).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void aConditionThatEndsBeforeTheDwellTimeNeverNotifies() {
        AlertBook book = book(Duration.ofSeconds(30), Duration.ofMinutes(1));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        clock.advance(Duration.ofSeconds(10));
        book.update(rig, compliant(ALMATY));
        clock.advance(Duration.ofMinutes(5));
        book.tick();
        assertThat(sent).isEmpty();
        assertThat(book.open()).isEmpty();
    }

    @Test
    void resolutionWaitsForTheHysteresisAndFlappingDoesNotNotify() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        clock.advance(Duration.ofSeconds(10));
        book.update(rig, compliant(ALMATY));
        clock.advance(Duration.ofSeconds(30));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        clock.advance(Duration.ofSeconds(10));
        book.update(rig, compliant(ALMATY));
        clock.advance(Duration.ofSeconds(59));
        book.tick();
        assertThat(sent).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        book.tick();
        assertThat(sent).extracting(Notification::transition).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(book.open()).isEmpty();
        assertThat(book.recentlyResolved()).singleElement().satisfies(a -> {
            assertThat(a.resolvedAt()).isEqualTo(clock.instant());
            assertThat(a.country()).isEqualTo("RU");
        });
    }

    @Test
    void movingFromOneRestrictedPlaceToAnotherResolvesTheOldAlertAndFiresANewOne() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        book.update(rig, violation(MINSK, BELARUS));
        assertThat(sent)
                .extracting(n -> n.transition() + " " + n.alert().country())
                .containsExactly("FIRING RU", "RESOLVED RU", "FIRING BY");
        assertThat(book.firing()).singleElement().extracting(Alert::country).isEqualTo("BY");
    }

    @Test
    void racingUpdatesOpenOneAlertAndNotifyOnce() throws Exception {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    book.update(rig, violation(IRKUTSK, RUSSIA));
                    book.tick();
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        assertThat(sent).hasSize(1);
        assertThat(book.open()).hasSize(1);
    }

    @Test
    void aRelocationAlertResolvesAfterItsHoldTime() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(
                rig,
                Assessment.builder(
                                ComplianceState.COMPLIANT,
                                Trust.MEDIUM,
                                List.of(new Finding(FindingKind.RELOCATED, "moved 2 km")),
                                clock.instant(),
                                "test")
                        .claim(43.25, 76.95, ALMATY)
                        .build());
        assertThat(sent).singleElement().extracting(n -> n.alert().type()).isEqualTo(AlertType.RELOCATED);
        book.update(rig, compliant(ALMATY));
        clock.advance(Duration.ofMinutes(59));
        book.tick();
        assertThat(book.firing()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        book.tick();
        assertThat(sent).extracting(Notification::transition).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    @Test
    void conflictingEvidenceRaisesLocationUnverifiedCriticalWhenTheIpIsInARestrictedCountry() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(
                rig,
                Assessment.builder(
                                ComplianceState.COMPLIANT,
                                Trust.LOW,
                                List.of(new Finding(FindingKind.IP_COUNTRY_DIFFERS, "registered in RU")),
                                clock.instant(),
                                "t")
                        .claim(43.25, 76.95, ALMATY)
                        .ipCountryRestricted(true)
                        .build());
        assertThat(book.firing()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.LOCATION_UNVERIFIED);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.evidence()).contains("registered in RU");
        });
    }

    @Test
    void anUnknownLocationFromARestrictedCountryIsCritical() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(
                rig,
                Assessment.builder(
                                ComplianceState.UNKNOWN,
                                Trust.NONE,
                                List.of(new Finding(FindingKind.NO_LOCATION, "none")),
                                clock.instant(),
                                "t")
                        .ipCountryRestricted(true)
                        .build());
        assertThat(book.firing()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.LOCATION_UNKNOWN);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void theRigLimitHoldsBackMinorNotificationsButNeverCriticalOnesResolutionsOrTheLog() throws Exception {
        List<Notification> webhook = new CopyOnWriteArrayList<>();
        AlertSink recording = new AlertSink() {
            @Override
            public String name() {
                return "webhook";
            }

            @Override
            public int attempts() {
                return 1;
            }

            @Override
            public void deliver(Notification notification) {
                webhook.add(notification);
            }
        };
        AlertConfig config = new AlertConfig(
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofMinutes(1),
                2,
                null,
                null,
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                1);
        NotificationMetrics metrics = new NotificationMetrics();
        try (Notifier notifier = new Notifier(List.of(recording, new LogSink()), config, metrics, clock)) {
            AlertBook book = new AlertBook(config, clock, notifier);
            for (int i = 0; i < 3; i++) {
                book.update(
                        rig,
                        Assessment.builder(
                                        ComplianceState.COMPLIANT,
                                        Trust.MEDIUM,
                                        List.of(new Finding(FindingKind.RELOCATED, "moved")),
                                        clock.instant(),
                                        "t")
                                .claim(1.0, 1.0, ALMATY)
                                .build());
                clock.advance(Duration.ofMinutes(2));
                book.tick();
            }
            book.update(rig, violation(IRKUTSK, RUSSIA));
            book.update(rig, compliant(ALMATY));
            Await.until(
                    "the four resolutions reach the webhook",
                    () -> webhook.stream()
                                    .filter(n -> n.transition() == AlertStatus.RESOLVED)
                                    .count()
                            >= 4);
        }
        assertThat(webhook)
                .extracting(n -> n.alert().type() + " " + n.transition())
                .contains("IN_RESTRICTED_JURISDICTION FIRING", "IN_RESTRICTED_JURISDICTION RESOLVED")
                .containsOnlyOnce("RELOCATED FIRING");
        assertThat(webhook)
                .filteredOn(n -> n.transition() == AlertStatus.RESOLVED)
                .hasSize(4);
        assertThat(Samples.value(
                        metrics, "hashfence_alert_notifications_total", "sink", "webhook", "outcome", "rate_limited"))
                .isGreaterThanOrEqualTo(1);
        assertThat(Samples.value(
                        metrics, "hashfence_alert_notifications_total", "sink", "log", "outcome", "rate_limited"))
                .isZero();
    }

    @Test
    void anOpenAlertCanBeAcknowledged() {
        AlertBook book = book(Duration.ZERO, Duration.ofMinutes(1));
        book.update(rig, violation(IRKUTSK, RUSSIA));
        String id = book.firing().get(0).id();
        assertThat(book.acknowledge(id, "compliance-officer"))
                .get()
                .satisfies(a -> assertThat(a.acknowledgedBy()).isEqualTo("compliance-officer"));
        assertThat(book.find(id)).get().extracting(Alert::acknowledgedAt).isEqualTo(clock.instant());
        assertThat(book.acknowledge("alert-999", "x")).isEmpty();
    }

    @Test
    void theMetricsCountFiringAlertsBySeverityAndListEveryOpenOne() {
        AlertBook book = book(Duration.ofSeconds(30), Duration.ofMinutes(1));
        OpenAlertMetrics metrics = new OpenAlertMetrics(book);
        book.update(rig, violation(IRKUTSK, RUSSIA));
        assertThat(Samples.value(metrics, "hashfence_alerts_open", "severity", "critical"))
                .as("a pending alert is not firing yet")
                .isZero();
        assertThat(Samples.value(metrics, "hashfence_alerts_open", "severity", "warning"))
                .isZero();
        assertThat(irkutskInfo(metrics, "pending")).as("but it is open").isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        book.tick();
        assertThat(Samples.value(metrics, "hashfence_alerts_open", "severity", "critical"))
                .isEqualTo(1);
        assertThat(irkutskInfo(metrics, "firing")).isEqualTo(1);
    }

    /** The hashfence_alert_info sample of rig-1's alert in Irkutsk, in the given status. */
    private static double irkutskInfo(OpenAlertMetrics metrics, String status) {
        return Samples.value(
                metrics,
                "hashfence_alert_info",
                "alertname",
                "RigInRestrictedJurisdiction",
                "site",
                "site-1",
                "rig",
                "rig-1",
                "severity",
                "critical",
                "status",
                status,
                "country",
                "RU",
                "subdivision",
                "RU-IRK",
                "trust",
                "medium");
    }

    Assessment violation(GeoLocation where, Restriction restriction) {
        return Assessment.builder(
                        ComplianceState.VIOLATION,
                        Trust.MEDIUM,
                        List.of(new Finding(FindingKind.STATIC_DECLARATION, "declared")),
                        clock.instant(),
                        "test")
                .claim(1.0, 1.0, where)
                .restriction(restriction)
                .nearestRestrictedKm(0.0)
                .build();
    }

    Assessment compliant(GeoLocation where) {
        return Assessment.builder(
                        ComplianceState.COMPLIANT,
                        Trust.MEDIUM,
                        List.of(new Finding(FindingKind.STATIC_DECLARATION, "declared")),
                        clock.instant(),
                        "test")
                .claim(1.0, 1.0, where)
                .build();
    }
}
