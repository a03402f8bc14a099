package io.hashfence.collector.ingest;

import io.hashfence.collector.logging.ClientText;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last stage: a failure no stage handled (an I/O error, a broken TLS session) closes the connection. */
final class UnexpectedFailure extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailure.class);

    private final MqttConnection connection;

    UnexpectedFailure(MqttConnection connection) {
        this.connection = connection;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug(
                "connection {} ({}) failed: {}",
                connection.id(),
                connection.siteName(),
                ClientText.escape(cause.toString()));
        ctx.close();
    }
}
