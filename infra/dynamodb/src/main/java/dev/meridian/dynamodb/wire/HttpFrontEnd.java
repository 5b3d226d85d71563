package dev.meridian.dynamodb.wire;

import dev.meridian.dynamodb.storage.Database;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP/1.1 side, on loopback: one thread per keep-alive connection reading requests and
 * writing answers itself (no hand-off between threads, so a request costs one wake-up each
 * way). POST with {@code X-Amz-Target} goes to the {@link Dispatcher}; any GET answers a
 * plain health line. Request bodies by Content-Length or chunked; {@code Expect: 100-continue}
 * is honoured.
 */
public final class HttpFrontEnd implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpFrontEnd.class.getName());
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final String ID_PREFIX = UUID.randomUUID().toString().substring(0, 24);
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong(1L << 40);
    private static final int IDLE_MILLIS = 5 * 60 * 1000;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Dispatcher dispatcher;
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final int maxConnections;
    private final Thread acceptor;
    private final ExecutorService workers;
    private volatile boolean closed;

    /** {@code maxConnections}: open connections beyond it are refused (closed at once). */
    public HttpFrontEnd(OperationRegistry registry, Database database, int port, int maxConnections) throws IOException {
        this(new Dispatcher(registry, database), port, maxConnections);
    }

    /** Serves whatever {@code dispatcher} routes to (global mode: a database per region). */
    public HttpFrontEnd(Dispatcher dispatcher, int port, int maxConnections) throws IOException {
        this.dispatcher = dispatcher;
        this.maxConnections = maxConnections;
        this.server = new ServerSocket(port, 512, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "dynamodb-http-accept");
        acceptor.setDaemon(true);
        // threads are kept for a minute and reused: clients that do not pool every connection
        // (the JDK's HttpURLConnection keeps only 5 idle) open new ones all the time
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "dynamodb-http");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the listening socket", e);
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a connection", e);
            }
        }
        workers.shutdown();
        try {
            acceptor.join(2000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(Level.WARNING, "accept failed", e);
                continue;
            }
            if (connections.size() >= maxConnections) {
                closeQuietly(s);
                continue;
            }
            connections.add(s);
            workers.execute(() -> serve(s));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            // idle keep-alive connections are reclaimed after a while (clients reconnect)
            socket.setSoTimeout(IDLE_MILLIS);
            Input in = new Input(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (!closed) {
                Request r = Request.read(in, MAX_HEAD);
                if (r == null) return; // the client closed the connection between requests
                if (r.expectContinue()) {
                    out.write(CONTINUE);
                    out.flush();
                }
                byte[] body = r.body(in, MAX_BODY);
                String requestId = requestId();
                if (!"POST".equals(r.method())) {
                    write(out, 200, "text/plain", requestId, "healthy: dynamodb.meridian".getBytes(StandardCharsets.US_ASCII), r.keepAlive());
                } else {
                    Dispatcher.Answer a = dispatcher.dispatch(r.header("x-amz-target"), r.header("authorization"), body);
                    write(out, a.status(), "application/x-amz-json-1.0", requestId, a.body(), r.keepAlive());
                }
                if (!r.keepAlive()) return;
            }
        } catch (Request.BadRequest e) {
            LOG.log(Level.FINE, "bad HTTP request: " + e.getMessage());
        } catch (java.net.SocketTimeoutException e) {
            // idle for IDLE_MILLIS: closed
        } catch (SocketException | EOFException e) {
            // the client went away mid-request
        } catch (IOException e) {
            if (!closed) LOG.log(Level.FINE, "connection failed", e);
        } finally {
            connections.remove(socket);
        }
    }

    /** A unique request id: a random per-process prefix and a counter (no lock on a random source per request). */
    private static String requestId() {
        return ID_PREFIX + Long.toHexString(REQUESTS.incrementAndGet());
    }

    private static void write(OutputStream out, int status, String type, String requestId, byte[] body, boolean keepAlive)
            throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amzn-RequestId: " + requestId + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a refused connection", e);
        }
    }
}
