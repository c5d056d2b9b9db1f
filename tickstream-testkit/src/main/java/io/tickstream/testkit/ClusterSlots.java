package io.tickstream.testkit;

import java.nio.charset.StandardCharsets;

/**
 * The hash slots of a three-master test cluster: which slot a key hashes to and which master owns it;
 * stateless, callable from any thread.
 *
 * <p>A key's slot is the CRC16 (XMODEM: polynomial 0x1021, initial value 0, no reflection) of its UTF-8
 * bytes modulo 16384, computed over the hash tag alone when the key has one: the bytes between the first
 * {@code {} and the first {@code }} after it, when there is at least one byte between them. Master
 * {@code i} owns one contiguous range of slots, the split {@code redis-cli --cluster create} makes.
 */
final class ClusterSlots {

    static final int COUNT = 16384;
    static final int MASTERS = 3;

    private static final int[] FIRST = {0, 5461, 10923};
    private static final int POLYNOMIAL = 0x1021;

    private ClusterSlots() {
    }

    /** Returns the first slot master {@code node} owns. */
    static int first(int node) {
        return FIRST[node];
    }

    /** Returns the last slot master {@code node} owns. */
    static int last(int node) {
        return node == MASTERS - 1 ? COUNT - 1 : FIRST[node + 1] - 1;
    }

    /** Returns the index of the master that owns {@code slot}. */
    static int ownerOf(int slot) {
        if (slot < 0 || slot >= COUNT) {
            throw new IllegalArgumentException("no slot " + slot + "; slots run from 0 to " + (COUNT - 1));
        }
        int node = MASTERS - 1;
        while (slot < FIRST[node]) {
            node--;
        }
        return node;
    }

    /** Returns the slot Redis Cluster assigns {@code key}, honouring a {@code {hash tag}}. */
    static int slotOf(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int open = indexOf(bytes, '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, '}', open + 1);
            if (close > open + 1) {
                return crc16(bytes, open + 1, close) % COUNT;
            }
        }
        return crc16(bytes, 0, bytes.length) % COUNT;
    }

    /** Returns the CRC16-XMODEM of {@code bytes[from..to)}. */
    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    private static int indexOf(byte[] bytes, char wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
