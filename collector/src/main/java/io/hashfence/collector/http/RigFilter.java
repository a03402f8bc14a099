package io.hashfence.collector.http;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.SiteId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /api/v1/rigs}, all optional and combined (a rig must pass each one given):
 * {@code site}; {@code state}, the rig's compliance state ({@code unknown} also for a rig not assessed yet);
 * {@code country}, the ISO 3166-1 alpha-2 code of the country its assessment located it in; and
 * {@code alerting}, whether it has an open (pending or firing) alert.
 */
record RigFilter(
        Optional<SiteId> site, Optional<ComplianceState> state, Optional<String> country, Optional<Boolean> alerting) {
    private static final String STATES =
            Arrays.stream(ComplianceState.values()).map(ComplianceState::label).collect(Collectors.joining(", "));

    static RigFilter read(QueryParameters query) throws BadParameter {
        return new RigFilter(
                site(query.get("site")),
                state(query.get("state")),
                country(query.get("country")),
                alerting(query.get("alerting")));
    }

    /** The filters given, by name, as a cursor carries them. */
    SortedMap<String, String> given() {
        SortedMap<String, String> given = new TreeMap<>();
        site.ifPresent(value -> given.put("site", value.value()));
        state.ifPresent(value -> given.put("state", value.label()));
        country.ifPresent(value -> given.put("country", value));
        alerting.ifPresent(value -> given.put("alerting", value.toString()));
        return given;
    }

    /** Whether a rig passes the filters other than {@code site} (the registry walks only that site's rigs). */
    Predicate<RigRecord> beyondSite(ComplianceEngine compliance, AlertBook alerts) {
        return rig -> {
            if (alerting.isPresent() && alerts.hasOpen(rig.key()) != alerting.get()) {
                return false;
            }
            if (state.isEmpty() && country.isEmpty()) {
                return true;
            }
            Optional<Assessment> assessment =
                    compliance.find(rig.key()).map(ComplianceEngine.RigCompliance::assessment);
            ComplianceState rigState = assessment.map(Assessment::state).orElse(ComplianceState.UNKNOWN);
            return state.map(rigState::equals).orElse(true)
                    && country.map(code -> code.equals(countryOf(assessment))).orElse(true);
        };
    }

    private static String countryOf(Optional<Assessment> assessment) {
        return assessment
                .map(Assessment::where)
                .filter(where -> where.country() != null)
                .map(where -> where.country().code())
                .orElse(null);
    }

    private static Optional<SiteId> site(Optional<String> given) throws BadParameter {
        if (given.isPresent() && !Ids.isValid(given.get())) {
            throw new BadParameter("site", Ids.RULE + ", got " + BadParameter.shown(given.get()));
        }
        return given.map(SiteId::of);
    }

    private static Optional<ComplianceState> state(Optional<String> given) throws BadParameter {
        if (given.isEmpty()) {
            return Optional.empty();
        }
        for (ComplianceState state : ComplianceState.values()) {
            if (state.label().equals(given.get())) {
                return Optional.of(state);
            }
        }
        throw new BadParameter("state", "must be one of " + STATES + ", got " + BadParameter.shown(given.get()));
    }

    private static Optional<String> country(Optional<String> given) throws BadParameter {
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String code = given.get();
        if (code.length() != 2 || !code.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            throw new BadParameter(
                    "country", "must be an ISO 3166-1 alpha-2 code such as NO or KZ, got " + BadParameter.shown(code));
        }
        return Optional.of(code.toUpperCase(Locale.ROOT));
    }

    private static Optional<Boolean> alerting(Optional<String> given) throws BadParameter {
        if (given.isEmpty()) {
            return Optional.empty();
        }
        return switch (given.get()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default ->
                throw new BadParameter("alerting", "must be true or false, got " + BadParameter.shown(given.get()));
        };
    }
}
