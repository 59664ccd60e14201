package org.advlens.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Local files for the engine's loaders from any path Spark can read: a plain path or {@code file:} URI is used as
 * it is; any other Hadoop-compatible URI ({@code hdfs://}, {@code s3a://}, ...) is copied once per JVM into a local
 * temporary folder, so every task of an executor shares one copy.
 */
final class HadoopFiles {

    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private HadoopFiles() {
    }

    /** Whether {@code location} names a file on this machine (no scheme, or {@code file:}). */
    static boolean isLocal(String location) {
        URI uri = uri(location);
        return uri.getScheme() == null || uri.getScheme().length() == 1 || "file".equals(uri.getScheme());
    }

    /** A local path holding the file at {@code location}. */
    static Path local(String location) throws IOException {
        if (isLocal(location)) {
            URI uri = uri(location);
            return "file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(location);
        }
        try {
            return COPIES.computeIfAbsent(location, HadoopFiles::copy);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A stream of the file at {@code location}, read through Hadoop's file systems unless it is local. */
    static java.io.InputStream open(String location) throws IOException {
        if (isLocal(location)) {
            return Files.newInputStream(local(location));
        }
        URI uri = uri(location);
        return FileSystem.get(uri, new Configuration()).open(new org.apache.hadoop.fs.Path(uri));
    }

    /** The file system holding {@code location}: the local one for a plain path or {@code file:} URI. */
    static FileSystem fileSystem(String location) throws IOException {
        return isLocal(location) ? FileSystem.getLocal(new Configuration())
                : FileSystem.get(uri(location), new Configuration());
    }

    /** {@code location} as a Hadoop path on {@link #fileSystem}: absolute for a local path. */
    static org.apache.hadoop.fs.Path hadoopPath(String location) throws IOException {
        return isLocal(location) ? new org.apache.hadoop.fs.Path(local(location).toAbsolutePath().toUri())
                : new org.apache.hadoop.fs.Path(uri(location));
    }

    private static Path copy(String location) {
        try {
            URI uri = uri(location);
            FileSystem fs = FileSystem.get(uri, new Configuration());
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
            if (!fs.exists(source)) {
                throw new IOException(location + ": no such file");
            }
            Path dir = Files.createTempDirectory("advlens-spark-");
            dir.toFile().deleteOnExit();
            Path target = dir.resolve(source.getName());
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI uri(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a path must not be blank");
        }
        try {
            return URI.create(location);
        } catch (IllegalArgumentException e) {
            return Path.of(location).toUri();
        }
    }
}
