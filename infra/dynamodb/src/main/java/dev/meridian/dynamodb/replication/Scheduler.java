package dev.meridian.dynamodb.replication;

import java.time.Clock;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery queues, one per (source, target) link, ordered by due time, and the one daemon
 * thread that delivers them. A link is held while its source or its target is cut; its
 * deliveries then wait (in order) and go once both ends are healed. The thread never holds the
 * queues' monitor while applying, and the source's write lock is never held here at all.
 * It polls the clock at least every 20 ms, so an injected clock that tests move works too.
 */
final class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());
    private static final long POLL_MILLIS = 20;
    private static final Comparator<Delivery> ORDER =
            Comparator.comparingLong(Delivery::dueAt).thenComparingLong(Delivery::sequence);

    private final Clock clock;
    private final PriorityQueue<Delivery>[][] links;
    private final boolean[] cut;
    private final Consumer<Delivery> deliver;
    private final Thread thread;
    private long pending;
    private long applying;
    private boolean closed;

    @SuppressWarnings("unchecked")
    Scheduler(int regions, Clock clock, Consumer<Delivery> deliver, String name) {
        this.clock = clock;
        this.deliver = deliver;
        this.cut = new boolean[regions];
        this.links = new PriorityQueue[regions][regions];
        for (int s = 0; s < regions; s++) {
            for (int t = 0; t < regions; t++) {
                links[s][t] = new PriorityQueue<>(ORDER);
            }
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    synchronized void enqueue(Delivery d) {
        links[d.source()][d.target()].add(d);
        pending++;
        notifyAll();
    }

    synchronized void setCut(int region, boolean isCut) {
        cut[region] = isCut;
        notifyAll();
    }

    synchronized boolean isCut(int region) {
        return cut[region];
    }

    synchronized long pending() {
        return pending;
    }

    /** Deliveries due by the clock on links that are not held (and not yet taken for applying). */
    synchronized long due() {
        long now = clock.millis();
        long n = 0;
        for (int s = 0; s < links.length; s++) {
            for (int t = 0; t < links.length; t++) {
                if (cut[s] || cut[t]) continue;
                for (Delivery d : links[s][t]) if (d.dueAt() <= now) n++;
            }
        }
        return n + applying;
    }

    /** Waits until nothing due is left undelivered (true) or the timeout passes (false). */
    synchronized boolean awaitDue(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (due() > 0) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return false;
            wait(Math.min(left, POLL_MILLIS));
        }
        return true;
    }

    /** Waits until nothing is pending (true) or the timeout passes (false). */
    synchronized boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (pending > 0) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return false;
            wait(Math.min(left, POLL_MILLIS));
        }
        return true;
    }

    void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Delivery next;
            synchronized (this) {
                next = null;
                while (!closed && (next = pollDue()) == null) {
                    try {
                        wait(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                applying++;
            }
            try {
                deliver.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "replication delivery to region " + next.target() + " dropped", e);
            } finally {
                synchronized (this) {
                    applying--;
                    pending--;
                    notifyAll();
                }
            }
        }
    }

    /** The earliest due delivery of a link that is not held, or null. */
    private Delivery pollDue() {
        long now = clock.millis();
        PriorityQueue<Delivery> best = null;
        for (int s = 0; s < links.length; s++) {
            if (cut[s]) continue;
            for (int t = 0; t < links.length; t++) {
                if (cut[t]) continue;
                Delivery head = links[s][t].peek();
                if (head == null || head.dueAt() > now) continue;
                if (best == null || ORDER.compare(head, best.peek()) < 0) best = links[s][t];
            }
        }
        return best == null ? null : best.poll();
    }
}
