package io.hashfence.collector.screening;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One Digital Currency Address feature of the SDN list.
 *
 * @param asset OFAC's asset code ({@code XBT}, {@code XMR}, {@code ETH}, …)
 * @param address the address as OFAC lists it
 * @param listedOn the designation date of the listed party (OFAC's advanced XML dates the entry, not the
 *                 address); null in the bundled snapshot, which carries no dates
 * @param programmes the sanctions programmes of the entry ({@code CYBER2}, {@code DPRK3}, …), empty if unknown
 * @param entity the listed party's primary name, empty if unknown
 */
public record ListedAddress(String asset, String address, LocalDate listedOn, String programmes, String entity) {

    public Optional<LocalDate> listDate() {
        return Optional.ofNullable(listedOn);
    }
}
