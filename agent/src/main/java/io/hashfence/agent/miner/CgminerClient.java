package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.agent.json.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request to a cgminer-style API on TCP 4028: the command goes out as JSON ({@code {"command":"summary"}})
 * or as plain text ({@code summary|}); the miner answers and closes, often with a NUL byte at the end.
 * Replies are repaired for the known quirks before parsing: bmminer writes {@code }{} with no comma between
 * objects, and plain-text replies ({@code STATUS=S,...|SUMMARY,MHS av=1|}) become the equivalent JSON.
 */
final class CgminerClient {
    private static final int MAX_REPLY_BYTES = 4 << 20;
    private static final Map<String, String> TEXT_SECTIONS =
            Map.of("POOL", "POOLS", "GPU", "DEVS", "ASC", "DEVS", "PGA", "DEVS");

    /** Sends a JSON command and answers the parsed reply; a plain-text reply is accepted too. */
    JsonNode command(MinerEndpoint endpoint, String command, Deadline deadline) throws MinerException {
        return parse(endpoint, command, exchange(endpoint, "{\"command\":\"" + command + "\"}", deadline));
    }

    /** Sends a plain-text command, for firmware that only speaks the old text API. */
    JsonNode textCommand(MinerEndpoint endpoint, String command, Deadline deadline) throws MinerException {
        return parse(endpoint, command, exchange(endpoint, command + "|", deadline));
    }

    private String exchange(MinerEndpoint endpoint, String request, Deadline deadline) throws MinerException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), deadline.remainingMillis(endpoint));
            socket.setSoTimeout(deadline.remainingMillis(endpoint));
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readReply(socket, endpoint, deadline);
        } catch (SocketTimeoutException e) {
            throw new MinerException(MinerException.Problem.UNREACHABLE, endpoint.address() + ": no answer in time", e);
        } catch (IOException e) {
            throw new MinerException(MinerException.Problem.UNREACHABLE, endpoint.address() + ": " + e.getMessage(), e);
        }
    }

    private static String readReply(Socket socket, MinerEndpoint endpoint, Deadline deadline)
            throws IOException, MinerException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream(4096);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            socket.setSoTimeout(deadline.remainingMillis(endpoint));
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            int nul = indexOfNul(buffer, read);
            reply.write(buffer, 0, nul < 0 ? read : nul);
            if (nul >= 0) {
                break;
            }
            if (reply.size() > MAX_REPLY_BYTES) {
                throw new MinerException(
                        MinerException.Problem.GARBLED,
                        endpoint.address() + ": reply longer than " + MAX_REPLY_BYTES + " bytes");
            }
        }
        return reply.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfNul(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode parse(MinerEndpoint endpoint, String command, String reply) throws MinerException {
        String trimmed = reply.strip();
        if (trimmed.isEmpty()) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + ": empty reply to " + command);
        }
        if (trimmed.startsWith("STATUS=")) {
            return fromText(trimmed);
        }
        try {
            return JsonTrees.read(trimmed.replaceAll("}\\s*\\{", "},{"));
        } catch (IOException e) {
            throw new MinerException(
                    MinerException.Problem.GARBLED,
                    endpoint.address() + ": reply to " + command + " is neither JSON nor the text format: "
                            + abbreviate(trimmed),
                    e);
        }
    }

    /** {@code STATUS=S,Msg=Summary|SUMMARY,MHS av=1.5|} as {@code {"STATUS":[{...}],"SUMMARY":[{...}]}}. */
    private static JsonNode fromText(String reply) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (String section : reply.split("\\|")) {
            if (section.isBlank()) {
                continue;
            }
            String[] fields = section.split(",", -1);
            String head = fields[0];
            int equals = head.indexOf('=');
            String name = (equals < 0 ? head : head.substring(0, equals)).trim();
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (int i = equals < 0 ? 1 : 0; i < fields.length; i++) {
                int at = fields[i].indexOf('=');
                if (at > 0) {
                    object.put(
                            fields[i].substring(0, at).trim(),
                            fields[i].substring(at + 1).trim());
                }
            }
            String key = TEXT_SECTIONS.getOrDefault(name, name);
            JsonNode existing = root.get(key);
            ArrayNode array = existing instanceof ArrayNode present ? present : root.putArray(key);
            array.add(object);
        }
        return root;
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, 80) + "...\"";
    }
}
