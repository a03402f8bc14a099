package io.hashfence.agent.publish;

import org.eclipse.paho.mqttv5.client.IMqttToken;

/** What a PUBACK said: MQTT 5 reason codes from 0x80 up refuse the message. */
final class PubAck {
    private static final int FIRST_REFUSING_REASON_CODE = 0x80;

    private PubAck() {}

    /** The refusing reason code, or -1 when the collector accepted the message. */
    static int refusal(IMqttToken delivery) {
        int[] reasonCodes = delivery.getReasonCodes();
        return reasonCodes != null && reasonCodes.length > 0 && reasonCodes[0] >= FIRST_REFUSING_REASON_CODE
                ? reasonCodes[0]
                : -1;
    }
}
