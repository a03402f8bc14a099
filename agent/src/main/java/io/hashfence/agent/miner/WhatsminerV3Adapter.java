package io.hashfence.agent.miner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.agent.json.JsonTrees;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Temperature;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Whatsminer API v3 on TCP 4433: each request and reply is JSON preceded by its length as a 4-byte
 * little-endian integer. Read commands need no login: {@code get.device.info} for model and firmware,
 * {@code get.miner.status} with {@code summary} ({@code hash-realtime} in TH/s, {@code power-realtime} in W)
 * and {@code pools}.
 */
public final class WhatsminerV3Adapter implements MinerAdapter {
    private static final int MAX_REPLY_BYTES = 1 << 20;

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        Deadline deadline = Deadline.after(timeout);
        JsonNode summary =
                message(endpoint, "get.miner.status", "summary", deadline).path("summary");
        if (!summary.isObject()) {
            throw new MinerException(MinerException.Problem.GARBLED, endpoint.address() + ": no summary in reply");
        }
        JsonNode device = optionalMessage(endpoint, "get.device.info", null, deadline);
        JsonNode poolsReply = optionalMessage(endpoint, "get.miner.status", "pools", deadline);
        double hashrate = Readings.number(summary, "hash-realtime").orElse(0) * 1e12;
        OptionalDouble power = Readings.number(summary, "power-realtime");
        List<Temperature> temperatures = new ArrayList<>();
        addTemperature(temperatures, "chip_avg", Readings.number(summary, "chip-temp-avg"));
        addTemperature(temperatures, "chip_max", Readings.number(summary, "chip-temp-max"));
        addTemperature(temperatures, "environment", Readings.number(summary, "environment-temperature"));
        List<Fan> fans = new ArrayList<>();
        addFan(fans, "fan_in", Readings.number(summary, "fan-speed-in"));
        addFan(fans, "fan_out", Readings.number(summary, "fan-speed-out"));
        List<Pool> pools = new ArrayList<>();
        if (poolsReply != null && poolsReply.path("pools").isArray()) {
            for (JsonNode pool : poolsReply.get("pools")) {
                String url = Readings.text(pool, "url");
                if (url != null && pools.size() < 16) {
                    String user = Readings.text(pool, "account");
                    boolean active = pool.path("stratum-active").asBoolean(false);
                    pools.add(new Pool(url, user == null ? "" : user, active));
                }
            }
        }
        String type = device == null ? null : Readings.text(device.path("miner"), "type");
        String firmware = device == null ? null : Readings.text(device.path("system"), "fwversion");
        return new MinerSnapshot(
                "whatsminer",
                type == null ? null : "Whatsminer " + type,
                firmware,
                hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE,
                hashrate,
                power.isPresent() && power.getAsDouble() > 0 ? power.getAsDouble() : null,
                temperatures,
                fans,
                pools);
    }

    private JsonNode optionalMessage(MinerEndpoint endpoint, String command, String param, Deadline deadline)
            throws MinerException {
        try {
            return message(endpoint, command, param, deadline);
        } catch (MinerException e) {
            if (e.problem() == MinerException.Problem.UNREACHABLE) {
                throw e;
            }
            return null;
        }
    }

    /** Sends one command and answers the {@code msg} of a reply with {@code code} 0. */
    JsonNode message(MinerEndpoint endpoint, String command, String param, Deadline deadline) throws MinerException {
        JsonNode reply = exchange(endpoint, command, param, deadline);
        int code = reply.path("code").asInt(-1);
        if (code != 0) {
            throw new MinerException(
                    MinerException.Problem.GARBLED,
                    endpoint.address() + ": " + command + " answered code " + code + " ("
                            + reply.path("msg").asText("") + ")");
        }
        return reply.path("msg");
    }

    private JsonNode exchange(MinerEndpoint endpoint, String command, String param, Deadline deadline)
            throws MinerException {
        try (Socket socket = new Socket()) {
            byte[] body = request(command, param);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), deadline.remainingMillis(endpoint));
            socket.setSoTimeout(deadline.remainingMillis(endpoint));
            socket.getOutputStream()
                    .write(ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(body.length)
                            .array());
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (length <= 0 || length > MAX_REPLY_BYTES) {
                throw new MinerException(
                        MinerException.Problem.GARBLED,
                        endpoint.address() + ": reply length " + length + " is not a Whatsminer v3 frame");
            }
            byte[] reply = new byte[length];
            in.readFully(reply);
            return JsonTrees.read(reply);
        } catch (SocketTimeoutException e) {
            throw new MinerException(MinerException.Problem.UNREACHABLE, endpoint.address() + ": no answer in time", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + ": reply to " + command + " is not JSON", e);
        } catch (IOException e) {
            throw new MinerException(MinerException.Problem.UNREACHABLE, endpoint.address() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] request(String command, String param) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        try (JsonGenerator json = JsonTrees.FACTORY.createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("cmd", command);
            if (param != null) {
                json.writeStringField("param", param);
            }
            json.writeEndObject();
        }
        return body.toByteArray();
    }

    private static void addTemperature(List<Temperature> temperatures, String sensor, OptionalDouble celsius) {
        if (celsius.isPresent() && Readings.plausibleCelsius(celsius.getAsDouble())) {
            temperatures.add(new Temperature(sensor, celsius.getAsDouble()));
        }
    }

    private static void addFan(List<Fan> fans, String name, OptionalDouble rpm) {
        if (rpm.isPresent() && rpm.getAsDouble() > 0 && rpm.getAsDouble() <= 100_000) {
            fans.add(new Fan(name, rpm.getAsDouble()));
        }
    }
}
