package io.hashfence.collector.http;

import io.hashfence.collector.json.CollectorJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a client may take to send a whole request head (request line and headers): the clock
 * starts with the first byte of a request and stops when the codec has decoded its head, so a client that
 * trickles one header line every few seconds is answered 408 and closed, and counted. The wait between
 * requests on a kept-alive connection is not the head's: the idle timeout covers it. One deadline per
 * connection, seen from two places in the pipeline: {@link #bytes()} before the HTTP codec, where the
 * first byte arrives, and {@link #heads()} after it, where the decoded head and the request's end do.
 */
final class RequestHeadDeadline {
    /** How long a connection answered 408 keeps reading (and dropping) what the client still sends. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private enum State {
        BETWEEN_REQUESTS,
        READING_HEAD,
        READING_BODY
    }

    private final Duration timeout;
    private final HttpMetrics metrics;
    private final CollectorJson json;
    private State state = State.BETWEEN_REQUESTS;
    private ScheduledFuture<?> deadline;
    /** Where the 408 is written: after the codec, so that it is encoded on its way out. */
    private ChannelHandlerContext afterCodec;

    RequestHeadDeadline(Duration timeout, HttpMetrics metrics, CollectorJson json) {
        this.timeout = timeout;
        this.metrics = metrics;
        this.json = json;
    }

    /** The handler that goes before the HTTP codec. */
    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (state == State.BETWEEN_REQUESTS && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    state = State.READING_HEAD;
                    deadline = ctx.executor()
                            .schedule(RequestHeadDeadline.this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };
    }

    /** The handler that goes right after the HTTP codec. */
    ChannelInboundHandlerAdapter heads() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                afterCodec = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    cancel();
                    state = State.READING_BODY;
                }
                if (msg instanceof LastHttpContent) {
                    state = State.BETWEEN_REQUESTS;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire() {
        if (state != State.READING_HEAD || !afterCodec.channel().isActive()) {
            return;
        }
        metrics.refused(HttpRefusal.REQUEST_HEAD_TIMEOUT);
        Response error = Response.error(
                HttpResponseStatus.REQUEST_TIMEOUT,
                "the request line and headers did not all arrive within " + timeout.toMillis() + " ms");
        byte[] body = error.bytes(json);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, body.length);
        afterCodec.writeAndFlush(response).addListener(written -> lingerThenClose(afterCodec.channel()));
    }

    /**
     * Closes as web servers do after an error answer (Apache's and nginx's lingering close): the answer is
     * followed by a FIN, and whatever the client still sends for a short while is read and dropped. Closing
     * at once would make the client's next header line meet a closed socket, whose reset can destroy the
     * answer before the client has read it.
     */
    private static void lingerThenClose(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close();
            return;
        }
        channel.pipeline().addFirst("discard-after-answer", new DiscardInbound());
        duplex.shutdownOutput();
        channel.eventLoop().schedule(() -> channel.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
