package io.hashfence.agent.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets that begin with a PROXY protocol v2 header naming {@code source} as the client, as a TCP
 * load balancer in front of the collector sends. The simulator uses it to stand for sites behind one, so
 * that the collector's IP evidence sees each site's own public address; the red-team system test uses it
 * for a foreign client (Paho) behind such a balancer.
 */
public final class ProxyProtocolSocketFactory extends SocketFactory {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int VERSION_2_PROXY = 0x21;
    private static final int TCP_OVER_IPV4 = 0x11;
    private static final int TCP_OVER_IPV6 = 0x21;

    private final InetAddress source;

    public ProxyProtocolSocketFactory(InetAddress source) {
        this.source = source;
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                super.connect(endpoint, timeout);
                OutputStream out = getOutputStream();
                out.write(header(source, (InetSocketAddress) endpoint, getLocalPort()));
                out.flush();
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port), 0);
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }

    /** The v2 header; source and destination are of one family, so an IPv4 collector gets an IPv4-mapped pair. */
    static byte[] header(InetAddress source, InetSocketAddress destination, int sourcePort) {
        byte[] from = source.getAddress();
        byte[] to = destination.getAddress().getAddress();
        boolean ipv4 = source instanceof Inet4Address && destination.getAddress() instanceof Inet4Address;
        if (!ipv4) {
            from = ipv6(from);
            to = ipv6(to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.write(VERSION_2_PROXY);
        out.write(ipv4 ? TCP_OVER_IPV4 : TCP_OVER_IPV6);
        out.writeBytes(ByteBuffer.allocate(2)
                .putShort((short) (from.length + to.length + 4))
                .array());
        out.writeBytes(from);
        out.writeBytes(to);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) sourcePort).array());
        out.writeBytes(
                ByteBuffer.allocate(2).putShort((short) destination.getPort()).array());
        return out.toByteArray();
    }

    private static byte[] ipv6(byte[] address) {
        if (address.length == 16) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(address, 0, mapped, 12, 4);
        return mapped;
    }
}
