package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.collector.testing.Samples;
import io.hashfence.protocol.SiteId;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authentication stage with the real credential store: CONNECT with a token, packets held while it is
 * checked, refusals, the connect timeout, and takeover and revocation of a session.
 */
class MqttAuthenticationTest {
    private static final String SITE = "auth-site";

    @TempDir
    static Path dir;

    static CredentialStore store;
    static String token;
    static ConnectionInspector inspector;

    private final IngestMetrics metrics = new IngestMetrics();
    private final SessionRegistry sessions = new SessionRegistry();
    private MqttConnection connection;
    private StageChannel channel;
    private StageChannel second;

    @BeforeAll
    static void addSite() throws Exception {
        store = new CredentialStore(dir);
        token = store.add(SiteId.of(SITE), new TokenHasher());
        inspector = new ConnectionInspector(IpCountryDatabase.loadBundled());
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        if (second != null) {
            second.finishAndReleaseAll();
        }
    }

    /** A channel whose pipeline is the {@code hold} stage and the authentication stage. */
    private StageChannel open(long id) {
        connection = new MqttConnection(id);
        ThrottledLog warnings = new ThrottledLog();
        SiteLogin login = new SiteLogin(new SiteAuthenticator(store), Runnable::run, inspector, sessions);
        return new StageChannel(
                new FlowControlHandler(),
                new MqttAuthentication(
                        connection,
                        login,
                        MqttConfig.defaults(),
                        metrics,
                        warnings,
                        new ProtocolViolations(metrics, warnings)));
    }

    @Test
    void aGoodTokenOpensASessionAndReleasesWhatArrivedMeanwhile() {
        channel = open(1);
        // Both read before the event loop runs its tasks, which include the end of the token check.
        channel.pipeline().fireChannelRead(connect("agent", token)).fireChannelRead(packet(MqttMessageType.PINGREQ));
        assertThat((Object) channel.readInbound())
                .as("held until the token is checked")
                .isNull();

        channel.runPendingTasks();

        MqttConnAckMessage connAck = channel.readOutbound();
        assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        MqttMessage released = channel.readInbound();
        assertThat(released.fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGREQ);
        assertThat(connection.session().site()).isEqualTo(SiteId.of(SITE));
        assertThat(connection.session().isMqtt5()).isTrue();
        assertThat(channel.pipeline().get(IdleStateHandler.class)).isNotNull();
        assertThat(channel.pipeline().get(FlowControlHandler.class))
                .as("the hold, no longer needed")
                .isNull();
        assertThat(connects(ConnectResult.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void aWrongTokenIsRefusedAndNothingHeldPasses() {
        channel = open(1);
        channel.pipeline().fireChannelRead(connect("agent", "wrong")).fireChannelRead(packet(MqttMessageType.PINGREQ));
        channel.runPendingTasks();

        MqttConnAckMessage connAck = channel.readOutbound();
        assertThat(connAck.variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(connection.session()).isNull();
        assertThat(connects(ConnectResult.BAD_CREDENTIALS)).isEqualTo(1);
    }

    @Test
    void aPublishBeforeConnectClosesTheConnection() {
        channel = open(1);
        channel.writeInbound(MqttMessageBuilders.publish()
                .topicName("hashfence/v1/" + SITE + "/status")
                .qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.EMPTY_BUFFER)
                .build());
        assertThat(channel.isActive()).isFalse();
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.UNEXPECTED_PACKET))
                .isEqualTo(1);
    }

    @Test
    void noConnectWithinTheTimeoutCloses() {
        channel = open(1);
        channel.advanceTimeBy(MqttConfig.defaults().connectTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isFalse();
        assertThat(connects(ConnectResult.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void aNewConnectionWithTheSameClientIdTakesTheSessionOver() {
        channel = open(1);
        channel.writeInbound(connect("agent", token));
        channel.runPendingTasks();
        channel.readOutbound();

        second = open(2);
        second.writeInbound(connect("agent", token));
        second.runPendingTasks();
        channel.runPendingTasks();

        assertThat(disconnectReason(channel)).isEqualTo(0x8E);
        assertThat(channel.isActive()).isFalse();
        assertThat(second.isActive()).isTrue();
        assertThat(Samples.value(metrics, "hashfence_mqtt_sessions_taken_over_total"))
                .isEqualTo(1);
    }

    @Test
    void aConnectionClosedDuringTheCheckGetsNoSessionToBeTakenOver() {
        channel = open(1);
        channel.pipeline().fireChannelRead(connect("agent", token));
        // Through the pipeline: EmbeddedChannel.close() would first run the task that ends the check.
        channel.pipeline().close();
        channel.runPendingTasks();
        assertThat(connection.session()).isNull();

        second = open(2);
        second.writeInbound(connect("agent", token));
        second.runPendingTasks();
        MqttConnAckMessage connAck = second.readOutbound();
        assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(Samples.value(metrics, "hashfence_mqtt_sessions_taken_over_total"))
                .isZero();
    }

    @Test
    void aRevokedTokenEndsTheSession() throws Exception {
        channel = open(1);
        channel.writeInbound(connect("agent", token));
        channel.runPendingTasks();
        channel.readOutbound();

        assertThat(sessions.revoke(SiteId.of(SITE), store.find(SiteId.of(SITE)).orElseThrow()))
                .isZero();
        String other = "other-" + SITE;
        store.add(SiteId.of(other), new TokenHasher());
        assertThat(sessions.revoke(SiteId.of(SITE), store.find(SiteId.of(other)).orElseThrow()))
                .isEqualTo(1);
        channel.runPendingTasks();

        assertThat(disconnectReason(channel)).isEqualTo(0x87);
        assertThat(channel.isActive()).isFalse();
    }

    private double connects(ConnectResult result) {
        return Samples.value(metrics, "hashfence_mqtt_connects_total", "result", result.label());
    }

    private static int disconnectReason(StageChannel channel) {
        MqttMessage disconnect = channel.readOutbound();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }

    private static MqttConnectMessage connect(String clientId, String password) {
        return MqttMessageBuilders.connect()
                .clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_5)
                .username(SITE)
                .password(password.getBytes(StandardCharsets.UTF_8))
                .keepAlive(30)
                .cleanSession(true)
                .build();
    }

    private static MqttMessage packet(MqttMessageType type) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }
}
