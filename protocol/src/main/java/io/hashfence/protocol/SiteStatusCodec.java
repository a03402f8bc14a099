package io.hashfence.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes and decodes the site status message (agent birth and Will). */
public final class SiteStatusCodec {

    public byte[] encode(SiteStatus status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schema_version", SiteStatus.SCHEMA_VERSION);
            json.writeStringField("site", status.site().value());
            json.writeStringField("state", status.state().wireName());
            json.writeStringField("time", status.time().toString());
            if (status.agentVersion() != null) {
                json.writeStringField("agent_version", status.agentVersion());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Decoded<SiteStatus> decode(byte[] payload) {
        try {
            JsonFields json = Json.parseObject(payload);
            long version = json.wholeNumber("schema_version");
            if (version != SiteStatus.SCHEMA_VERSION) {
                throw new JsonFields.Rejected(
                        Violation.UNKNOWN_SCHEMA_VERSION,
                        "schema_version",
                        "schema_version " + version + " is not supported");
            }
            return new Decoded.Valid<>(new SiteStatus(
                    new SiteId(json.id("site")),
                    json.enumValue("state", AgentState.class),
                    json.instant("time"),
                    json.optionalText("agent_version", Limits.MAX_TEXT_LENGTH)));
        } catch (JsonFields.Rejected rejected) {
            return rejected.toInvalid();
        }
    }
}
