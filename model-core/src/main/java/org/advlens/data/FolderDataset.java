package org.advlens.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.InputSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A labelled data set stored as a folder with one sub-folder per class, like Keras'
 * {@code image_dataset_from_directory} and torchvision's {@code ImageFolder}: the class names are the sorted
 * sub-folder names, and each image file ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}, {@code .gif})
 * in a sub-folder is one example of that class. Images are fitted to the {@link InputSpec} with
 * {@link ImageFiles}. Hidden files and files with other extensions are skipped.
 */
public final class FolderDataset {

    private static final Logger LOG = LoggerFactory.getLogger(FolderDataset.class);
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private FolderDataset() {
    }

    /** Loads every image of every class folder under {@code folder}. */
    public static LabelledDataset load(Path folder, InputSpec spec) throws IOException {
        return load(folder, spec, ProgressListener.NONE, CancellationToken.create());
    }

    /** Loads every image, reporting progress per image and polling {@code cancellation} per image. */
    public static LabelledDataset load(Path folder, InputSpec spec, ProgressListener progress,
                                       CancellationToken cancellation) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new DataLoadException(folder, "not a folder; expected a folder with one sub-folder per class");
        }
        List<Path> classDirs = sorted(folder, Files::isDirectory);
        if (classDirs.isEmpty()) {
            throw new DataLoadException(folder, "has no sub-folders; expected one sub-folder of images per class");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> images = sorted(dir, FolderDataset::isImageFile);
            if (images.isEmpty()) {
                throw new DataLoadException(folder, "class folder '" + dir.getFileName()
                        + "' has no image files; expected .png, .jpg, .jpeg, .bmp or .gif");
            }
            for (Path f : images) {
                files.add(f);
                labels.add(classNames.size());
            }
            classNames.add(dir.getFileName().toString());
        }
        int n = files.size();
        float[] pixels = new float[n * spec.size()];
        for (int i = 0; i < n; i++) {
            cancellation.throwIfCancelled();
            Images one = ImageFiles.read(files.get(i), spec);
            System.arraycopy(one.pixels(), 0, pixels, i * spec.size(), spec.size());
            if (i % 50 == 0 || i == n - 1) {
                progress.onProgress((i + 1.0) / n, "loaded " + (i + 1) + " of " + n + " images");
            }
        }
        LOG.info("loaded {} images of {} classes from {}", n, classNames.size(), folder);
        Images images = new Images(pixels, n, spec.channels(), spec.height(), spec.width());
        return new LabelledDataset(folder.getFileName().toString(), folder.toAbsolutePath().toString(), images,
                labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
    }

    private static boolean isImageFile(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(p) && dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep).sorted().toList();
        }
    }
}
