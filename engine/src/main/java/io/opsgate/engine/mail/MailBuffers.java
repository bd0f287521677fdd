package io.opsgate.engine.mail;

import java.util.concurrent.Semaphore;

/**
 * The memory the SMTP intake may hold for mails in transit, shared by every connection, so that memory stays
 * bounded however many senders send how large mails at once. Of each mail only its head ({@link #HEAD_MAX} bytes)
 * is kept and read (the alert takes its subject, sender and the first text); the rest is counted against the size
 * limit and dropped as it arrives. A transaction reserves its head's room when its first recipient is accepted; when
 * the room is taken, the recipient gets a temporary 452 and the sender tries again later, as SMTP senders do.
 * Reading a head into an alert (MIME parsing, which copies it a few times) runs for {@link #READERS} mails at once.
 */
final class MailBuffers {
    /** Bytes of a mail kept and read. */
    static final int HEAD_MAX = 1024 * 1024;
    /** Heads held at once, in bytes: 16 mails of a full head (mails that declare a smaller SIZE take less). */
    static final int CAPACITY = 16 * HEAD_MAX;
    /** Mails read at once. */
    static final int READERS = 2;

    private final Semaphore room;
    private final Semaphore readers = new Semaphore(READERS, true);

    MailBuffers() {
        this(CAPACITY);
    }

    MailBuffers(int capacity) {
        this.room = new Semaphore(capacity);
    }

    /** Reserves room for a head of up to {@code bytes}; false when there is not enough now. */
    boolean reserve(int bytes) {
        return room.tryAcquire(bytes);
    }

    void release(int bytes) {
        if (bytes > 0) {
            room.release(bytes);
        }
    }

    /** Waits for a reader's turn. */
    void startReading() throws InterruptedException {
        readers.acquire();
    }

    void doneReading() {
        readers.release();
    }
}
