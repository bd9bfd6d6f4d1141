package io.jkeepalived.notify;

import io.jkeepalived.common.Log;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * keepalived's notify FIFO ({@code notify_fifo}, {@code vrrp_notify_fifo}): one line per state change.
 * Created with mkfifo when missing and opened read-write, which on Linux never blocks even without a
 * reader. Lines are written by a writer thread from a bounded queue, so a reader that stalls costs lines,
 * never the VRRP loop.
 */
public final class NotifyFifo implements AutoCloseable {
    private final Path path;
    private final Log log;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    private final RandomAccessFile file;
    private final Thread writer;
    private static final String END = new String("end of lines");

    private NotifyFifo(Path path, RandomAccessFile file, Log log) {
        this.path = path;
        this.file = file;
        this.log = log;
        this.writer = Thread.ofPlatform().name("VRRP-fifo").daemon().start(this::drain);
    }

    public static java.util.Optional<NotifyFifo> open(Path path, Log log) {
        try {
            if (!Files.exists(path)) {
                Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
                if (p.waitFor() != 0) {
                    log.error("Unable to create notify FIFO " + path);
                    return java.util.Optional.empty();
                }
            }
            return java.util.Optional.of(new NotifyFifo(path, new RandomAccessFile(path.toFile(), "rw"), log));
        } catch (IOException e) {
            log.error("Unable to open notify FIFO " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.Optional.empty();
    }

    public void write(String line) {
        if (!lines.offer(line)) {
            log.warning("notify FIFO " + path + " is full - dropping: " + line);
        }
    }

    private void drain() {
        try {
            while (true) {
                String line = lines.take();
                if (line == END) {
                    return;
                }
                file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("Error writing notify FIFO " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        lines.offer(END);
        try {
            writer.join(200);       // the last lines (notify STOP) should reach the reader
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        try {
            file.close();
        } catch (IOException e) {
            // closing a FIFO we only wrote to
        }
    }
}
