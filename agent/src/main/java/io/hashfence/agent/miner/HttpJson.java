package io.hashfence.agent.miner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.agent.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;

/** GET of a miner's JSON HTTP API, within the poll's deadline. */
final class HttpJson {
    private static final int MAX_REPLY_BYTES = 4 << 20;

    JsonNode get(MinerEndpoint endpoint, String path, Deadline deadline) throws MinerException {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) new URL("http", endpoint.host(), endpoint.port(), path).openConnection();
            connection.setConnectTimeout(deadline.remainingMillis(endpoint));
            connection.setReadTimeout(deadline.remainingMillis(endpoint));
            connection.setRequestProperty("Accept", "application/json");
            if (endpoint.accessToken() != null) {
                connection.setRequestProperty("Authorization", "Bearer " + endpoint.accessToken());
            }
            int status = connection.getResponseCode();
            if (status == 401 || status == 403) {
                throw new MinerException(
                        MinerException.Problem.GARBLED,
                        endpoint.address() + path + ": HTTP " + status
                                + ": the API wants an access token; set access_token for this miner");
            }
            if (status != 200) {
                throw new MinerException(
                        MinerException.Problem.GARBLED, endpoint.address() + path + ": HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                byte[] body = in.readNBytes(MAX_REPLY_BYTES + 1);
                if (body.length > MAX_REPLY_BYTES) {
                    throw new MinerException(
                            MinerException.Problem.GARBLED, endpoint.address() + path + ": reply too long");
                }
                JsonNode reply = JsonTrees.read(body);
                if (reply == null || !reply.isObject()) {
                    throw new MinerException(
                            MinerException.Problem.GARBLED, endpoint.address() + path + ": reply is not a JSON object");
                }
                return reply;
            }
        } catch (SocketTimeoutException e) {
            throw new MinerException(
                    MinerException.Problem.UNREACHABLE, endpoint.address() + path + ": no answer in time", e);
        } catch (JsonProcessingException e) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + path + ": reply is not JSON", e);
        } catch (IOException e) {
            throw new MinerException(
                    MinerException.Problem.UNREACHABLE, endpoint.address() + path + ": " + e.getMessage(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
