package io.hashfence.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.SimulationSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator names disputed places as the collector answers them (country in control, claimant). */
class FleetSummaryTest {

    @Test
    void crimeaIsRussiaDeFactoClaimedByUkraineAsTheCollectorSaysAndDonetskTheReverse() {
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(200, 7, 0.05));

        String summary = FleetSummary.describe(fleet);

        assertThat(summary)
                .contains("Simferopol, Crimea (UA-43) (RU de facto, claimed by UA) x")
                .contains("Donetsk (UA-14) (UA, claimed by RU) x")
                .contains("Irkutsk, Irkutsk Oblast (RU) x");
    }
}
