package io.hashfence.agent.miner;

import java.util.EnumMap;
import java.util.Map;

/** One adapter per miner API. */
public final class MinerAdapters {
    private final Map<MinerKind, MinerAdapter> adapters = new EnumMap<>(MinerKind.class);

    public MinerAdapters() {
        adapters.put(MinerKind.CGMINER, new CgminerAdapter());
        adapters.put(MinerKind.WHATSMINER_V3, new WhatsminerV3Adapter());
        adapters.put(MinerKind.XMRIG, new XmrigAdapter());
        adapters.put(MinerKind.TREX, new TrexAdapter());
        adapters.put(MinerKind.LOLMINER, new LolminerAdapter());
        adapters.put(MinerKind.GMINER, new GminerAdapter());
        adapters.put(MinerKind.NBMINER, new NbminerAdapter());
    }

    public MinerAdapter forKind(MinerKind kind) {
        return adapters.get(kind);
    }
}
