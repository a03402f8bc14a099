package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.Map;

/** One adapter per miner API. */
public final class MinerAdapters {
    private final Map<MinerKind, MinerAdapter> adapters = new EnumMap<>(MinerKind.class);
    public MinerAdapters(ObjectMapper json) {
        adapters.put(MinerKind.CGMINER, new CgminerAdapter(json));
        adapters.put(MinerKind.WHATSMINER_V3, new WhatsminerV3Adapter(json));
        adapters.put(MinerKind.XMRIG, new XmrigAdapter(json));
        adapters.put(MinerKind.TREX, new TrexAdapter(json));
        adapters.put(MinerKind.LOLMINER, new LolminerAdapter(json));
        adapters.put(MinerKind.GMINER, new GminerAdapter(json));
        adapters.put(MinerKind.NBMINER, new NbminerAdapter(json));
    }

    public MinerAdapter forKind(MinerKind kind) {
        return adapters.get(kind);
    }
}
