package io.opsgate.engine.security.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a tenant's log lines are appended: its file, forced to disk after every append. */
interface LogSink extends Closeable {

    /** The bytes written so far. */
    long size() throws IOException;

    /** Appends and forces the bytes to disk. */
    void append(byte[] bytes) throws IOException;

    /** Cuts the file back to {@code size} bytes (what a failed append left of itself). */
    void truncate(long size) throws IOException;

    /** Opens the sink of a file. */
    @FunctionalInterface
    interface Opener {
        LogSink open(Path file) throws IOException;
    }

    /** Files on disk. */
    Opener FILES = file -> {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(channel.size());
        return new LogSink() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void append(byte[] bytes) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                channel.force(false);
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
                channel.position(size);
                channel.force(false);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    };
}
