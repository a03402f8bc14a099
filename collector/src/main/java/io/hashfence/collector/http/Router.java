package io.hashfence.collector.http;

import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.logging.ClientText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the route for each request and writes the endpoint's response; errors are JSON with a message. */
@ChannelHandler.Sharable
final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final ApiToken token;
    private final HttpMetrics metrics;
    private final CollectorJson json;

    Router(List<Route> routes, ApiToken token, HttpMetrics metrics, CollectorJson json) {
        this.routes = List.copyOf(routes);
        this.token = token;
        this.metrics = metrics;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Response response;
        if (!request.decoderResult().isSuccess()) {
            response = Response.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        } else {
            response = dispatch(request);
        }
        boolean keepAlive =
                HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (response.body() instanceof Response.Pieces pieces) {
            ContentCoding coding = AcceptEncoding.allowsGzip(request.headers().get(HttpHeaderNames.ACCEPT_ENCODING))
                    ? ContentCoding.GZIP
                    : ContentCoding.IDENTITY;
            Optional<List<ByteBuf>> written = write(pieces, coding, ctx, request);
            if (written.isPresent()) {
                sendPieces(ctx, request, response, written.get(), coding, keepAlive);
                return;
            }
            response = internalError();
        }
        boolean unauthorized = response.status().equals(HttpResponseStatus.UNAUTHORIZED);
        byte[] body = response.bytes(json);
        FullHttpResponse http =
                new DefaultFullHttpResponse(request.protocolVersion(), response.status(), Unpooled.wrappedBuffer(body));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        if (unauthorized) {
            http.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"hashfence\"");
        }
        HttpUtil.setContentLength(http, body.length);
        HttpUtil.setKeepAlive(http, keepAlive);
        ctx.writeAndFlush(http).addListener(closing(keepAlive));
    }

    /** The pieces of an answer in {@code coding}, or empty (logged) when writing them failed. */
    private static Optional<List<ByteBuf>> write(
            Response.Pieces pieces, ContentCoding coding, ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            return Optional.of(pieces.writer().write(ctx.alloc(), coding));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), ClientText.escape(request.uri()), e);
            return Optional.empty();
        }
    }

    /**
     * An answer in pieces: the head with the whole length, then each piece, flushed as it goes. A gzipped body says
     * so in its head, which the pipeline's compressor takes as done and passes through.
     */
    private static void sendPieces(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            Response response,
            List<ByteBuf> pieces,
            ContentCoding coding,
            boolean keepAlive) {
        HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), response.status());
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        if (coding == ContentCoding.GZIP) {
            head.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        long length = 0;
        for (ByteBuf piece : pieces) {
            length += piece.readableBytes();
        }
        HttpUtil.setContentLength(head, length);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        for (ByteBuf piece : pieces) {
            ctx.writeAndFlush(new DefaultHttpContent(piece));
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(closing(keepAlive));
    }

    private static ChannelFutureListener closing(boolean keepAlive) {
        return keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE;
    }

    private static Response internalError() {
        return Response.error(
                HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error; the collector's log has the details");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug(
                "HTTP connection from {} failed: {}",
                ctx.channel().remoteAddress(),
                ClientText.escape(cause.toString()));
        ctx.close();
    }

    private Response dispatch(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())
                    || (route.method().equals(HttpMethod.GET)
                            && request.method().equals(HttpMethod.HEAD))) {
                if (route.needsToken() && !token.admits(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                    metrics.refused(HttpRefusal.UNAUTHORIZED);
                    return Response.error(
                            HttpResponseStatus.UNAUTHORIZED,
                            path + " needs the API token: Authorization: Bearer <token from the api-token file>");
                }
                try {
                    return route.endpoint()
                            .handle(new Request(
                                    request.method(),
                                    path,
                                    parameters.get(),
                                    uri.parameters(),
                                    ByteBufUtil.getBytes(request.content()),
                                    request.headers().get(HttpHeaderNames.HOST)));
                } catch (RuntimeException e) {
                    LOG.error("{} {} failed", request.method(), ClientText.escape(path), e);
                    return internalError();
                }
            }
        }
        return pathKnown
                ? Response.error(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " is not allowed on " + path)
                : Response.error(HttpResponseStatus.NOT_FOUND, "no resource at " + path);
    }
}
