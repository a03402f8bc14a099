package io.hashfence.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a server, to take the network away from one client while others stay
 * connected: {@link #cut()} drops every relayed connection and refuses new ones, {@link #restore()} listens
 * again on the same port.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private TcpProxy(int targetPort, ServerSocket server) {
        this.targetPort = targetPort;
        this.server = server;
        this.port = server.getLocalPort();
    }

    public static TcpProxy to(int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(targetPort, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        proxy.acceptOn(proxy.server);
        return proxy;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    public synchronized void restore() throws IOException {
        ServerSocket reopened = new ServerSocket();
        reopened.setReuseAddress(true);
        reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server = reopened;
        acceptOn(reopened);
    }

    private void acceptOn(ServerSocket listening) {
        daemon(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    daemon(() -> pump(client, upstream));
                    daemon(() -> pump(upstream, client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away; closing both ends below tells the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
