package org.advlens.spark;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** How a distributed evaluation's data is stored. */
public enum DataFormat {
    /** An IDX image file (plain or gzip) with its IDX label file. */
    IDX,
    /** A folder with one sub-folder of images per class, read as the desktop app's class-folder loader reads it. */
    FOLDER,
    /** A Parquet table (one file or a folder of part files) with an image column and an integer label column. */
    PARQUET;

    /** The format named {@code name} ({@code idx}, {@code folder} or {@code parquet}, any case). */
    public static DataFormat parse(String name) {
        for (DataFormat f : values()) {
            if (f.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown data format '" + name + "'; expected idx, folder or parquet");
    }

    /**
     * The format of the data at {@code location}, from its name and a listing: a name ending in {@code .parquet} is
     * Parquet; a folder holding {@code .parquet} files (or a {@code _SUCCESS} marker) is a Parquet table, any other
     * folder a class folder; a file is IDX.
     */
    static DataFormat detect(String location) throws IOException {
        if (location.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".parquet")) {
            return PARQUET;
        }
        FileSystem fs = HadoopFiles.fileSystem(location);
        Path path = HadoopFiles.hadoopPath(location);
        if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
            return IDX;
        }
        for (FileStatus child : fs.listStatus(path)) {
            String name = child.getPath().getName();
            if (child.isFile() && (name.endsWith(".parquet") || name.equals("_SUCCESS"))) {
                return PARQUET;
            }
        }
        return FOLDER;
    }
}
