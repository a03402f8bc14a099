package io.hashfence.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Splits the inbound byte stream into MQTT packets and hands each one's type, flags and body to
 * {@link #packet} as a view into the read buffer, valid only during the call: no copies, no objects.
 */
abstract class FrameReader extends ChannelInboundHandlerAdapter {
    private ByteBuf cumulation;

    /** One whole packet; {@code body} is a view into the read buffer, valid only during the call. */
    protected abstract void packet(ChannelHandlerContext ctx, int type, int flags, ByteBuf body);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (cumulation != null) {
            cumulation.writeBytes(in);
            in.release();
            in = cumulation;
            cumulation = null;
        }
        try {
            while (true) {
                int start = in.readerIndex();
                int available = in.readableBytes();
                if (available < 2) {
                    break;
                }
                int header = in.getUnsignedByte(start);
                int length = 0;
                int shift = 0;
                int index = start + 1;
                boolean complete = false;
                while (index < start + 5 && index < start + available) {
                    int digit = in.getUnsignedByte(index++);
                    length |= (digit & 0x7F) << shift;
                    shift += 7;
                    if ((digit & 0x80) == 0) {
                        complete = true;
                        break;
                    }
                }
                if (!complete || start + available < index + length) {
                    break;
                }
                packet(ctx, header >>> 4, header & 0x0F, in.slice(index, length));
                in.readerIndex(index + length);
            }
            if (in.isReadable()) {
                cumulation = ctx.alloc().buffer(Math.max(in.readableBytes() * 2, 1024));
                cumulation.writeBytes(in);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        super.channelInactive(ctx);
    }
}
