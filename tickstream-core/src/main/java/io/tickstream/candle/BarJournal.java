package io.tickstream.candle;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Keeps a {@link BarStore} across restarts in one directory: a snapshot of every kept bar
 * ({@code bars-N.snapshot}) and a journal of the trades since ({@code trades-N.journal}), one line
 * each, written through to the operating system on every trade. Opening loads the newest snapshot,
 * replays its journal (a torn last line from a crash is skipped) and starts generation N+1 from a
 * fresh snapshot; a journal grown past {@link #COMPACT_BYTES} is folded into a new snapshot the
 * same way. A snapshot is written to a temporary file and renamed, so a crash leaves either
 * generation whole. Not thread-safe: the store calls it holding its monitor.
 */
final class BarJournal {

    static final long COMPACT_BYTES = 64L << 20;
    private static final String SNAPSHOT = ".snapshot";
    private static final String JOURNAL = ".journal";

    private final Path directory;
    private final BarStore store;
    private long generation;
    private BufferedWriter writer;
    private long written;

    private BarJournal(Path directory, BarStore store) {
        this.directory = directory;
        this.store = store;
    }

    static BarJournal open(Path directory, BarStore store) throws IOException {
        Files.createDirectories(directory);
        BarJournal journal = new BarJournal(directory, store);
        journal.generation = newestGeneration(directory);
        if (journal.generation > 0) {
            journal.load();
        }
        journal.compact();
        return journal;
    }

    void trade(String instrumentId, long time, BigDecimal price, BigDecimal quantity) throws IOException {
        String line = encode(instrumentId) + '\t' + time + '\t' + price.toPlainString() + '\t'
                + quantity.toPlainString() + '\n';
        writer.write(line);
        writer.flush();
        written += line.length();
        if (written > COMPACT_BYTES) {
            compact();
        }
    }

    void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load() throws IOException {
        Path snapshot = file("bars-", SNAPSHOT, generation);
        if (Files.exists(snapshot)) {
            try (BufferedReader in = Files.newBufferedReader(snapshot, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] parts = line.split("\t", -1);
                    store.restore(decode(parts[0]), CandleInterval.byLabel(parts[1]), Bar.parse(parts[2]));
                }
            }
        }
        Path journal = file("trades-", JOURNAL, generation);
        if (Files.exists(journal)) {
            String[] lines = Files.readString(journal, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                String[] parts = lines[i].split("\t", -1);
                store.apply(decode(parts[0]), Long.parseLong(parts[1]), new BigDecimal(parts[2]), new BigDecimal(parts[3]));
            }
        }
    }

    /** Starts the next generation: a snapshot of the store, an empty journal, the old files gone. */
    private void compact() throws IOException {
        if (writer != null) {
            writer.close();
        }
        long next = generation + 1;
        Path temporary = directory.resolve("bars.tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            store.forEach((id, interval, bar) ->
                    out.write(encode(id) + '\t' + interval.label() + '\t' + bar.toJsonArray() + '\n'));
        }
        Files.move(temporary, file("bars-", SNAPSHOT, next), StandardCopyOption.ATOMIC_MOVE);
        writer = Files.newBufferedWriter(file("trades-", JOURNAL, next), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        written = 0;
        Files.deleteIfExists(file("trades-", JOURNAL, generation));
        Files.deleteIfExists(file("bars-", SNAPSHOT, generation));
        generation = next;
    }

    private Path file(String prefix, String suffix, long number) {
        return directory.resolve(prefix + number + suffix);
    }

    private static long newestGeneration(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("bars-") && name.endsWith(SNAPSHOT))
                    .mapToLong(name -> parseGeneration(name.substring(5, name.length() - SNAPSHOT.length())))
                    .max().orElse(0);
        }
    }

    private static long parseGeneration(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String decode(String id) {
        return URLDecoder.decode(id, StandardCharsets.UTF_8);
    }
}
