package org.advlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.advlens.data.DataLoadException;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A class folder (one sub-folder of images per class) listed through Hadoop's file systems, with the conventions of
 * the desktop loader ({@code org.advlens.data.FolderDataset}): class names are the sub-folder names and images the
 * {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} and {@code .gif} files in them, both sorted by name (byte
 * order, as the desktop loader sorts paths), hidden entries skipped and other files (such as {@code classes.txt})
 * ignored. Example {@code i} is therefore the same image on the desktop and in every task.
 *
 * @param location the folder as given
 * @param classNames the sorted sub-folder names
 * @param files the image files in data-set order
 * @param labels the label of each file
 */
record ClassFolder(String location, List<String> classNames, List<Path> files, int[] labels) {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final Comparator<FileStatus> BY_NAME = (a, b) -> Arrays.compareUnsigned(
            a.getPath().getName().getBytes(StandardCharsets.UTF_8),
            b.getPath().getName().getBytes(StandardCharsets.UTF_8));

    /** Lists the folder at {@code location}; rejects a folder without class folders or with an empty one. */
    static ClassFolder list(String location) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(location);
        Path root = HadoopFiles.hadoopPath(location);
        if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
            throw new DataLoadException(location, "not a folder; expected a folder with one sub-folder per class");
        }
        List<FileStatus> classDirs = sorted(fs, root, FileStatus::isDirectory);
        if (classDirs.isEmpty()) {
            throw new DataLoadException(location, "has no sub-folders; expected one sub-folder of images per class");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (FileStatus dir : classDirs) {
            List<FileStatus> images = sorted(fs, dir.getPath(), ClassFolder::isImageFile);
            if (images.isEmpty()) {
                throw new DataLoadException(location, "class folder '" + dir.getPath().getName()
                        + "' has no image files; expected .png, .jpg, .jpeg, .bmp or .gif");
            }
            for (FileStatus f : images) {
                files.add(f.getPath());
                labels.add(classNames.size());
            }
            classNames.add(dir.getPath().getName());
        }
        return new ClassFolder(location, classNames, files, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    int size() {
        return files.size();
    }

    /** The images {@code [from, to)} fitted to {@code spec}, each read through Hadoop's file systems. */
    Images read(InputSpec spec, int from, int to) throws IOException {
        if (from < 0 || to > size() || from > to) {
            throw new DataLoadException(location, "holds " + size() + " images; cannot read [" + from + ", " + to
                    + ")");
        }
        FileSystem fs = HadoopFiles.fileSystem(location);
        float[] pixels = new float[(to - from) * spec.size()];
        for (int i = from; i < to; i++) {
            Path file = files.get(i);
            Images one;
            try (InputStream in = fs.open(file)) {
                one = ImageFiles.fromBufferedImage(ImageFiles.decode(in, file.getName()), spec);
            }
            System.arraycopy(one.pixels(), 0, pixels, (i - from) * spec.size(), spec.size());
        }
        return new Images(pixels, to - from, spec.channels(), spec.height(), spec.width());
    }

    private static boolean isImageFile(FileStatus status) {
        String name = status.getPath().getName();
        int dot = name.lastIndexOf('.');
        return status.isFile() && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<FileStatus> sorted(FileSystem fs, Path dir, Predicate<FileStatus> keep) throws IOException {
        return Arrays.stream(fs.listStatus(dir)).filter(s -> !s.getPath().getName().startsWith(".")).filter(keep)
                .sorted(BY_NAME).toList();
    }
}
