package org.advlens.eval.ood;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.advlens.data.DataLoadException;
import org.advlens.data.IdxReader;
import org.advlens.data.ImageConversion;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;

/**
 * Loads out-of-distribution images, which need no labels: an IDX image file (plain or gzip), a single PNG, JPEG,
 * BMP or GIF file, or a folder of such files (sub-folders included, in name order; any class structure is
 * ignored). The images' values are mapped onto the model's bounds. Their size and channels must be the model's,
 * unless {@code resize} is given, in which case they go through the data loaders' pipeline
 * ({@link ImageConversion#fitToSpec}: grey/colour conversion and resizing).
 */
public final class OodImages {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private OodImages() {
    }

    /**
     * @param path an IDX image file, an image file, or a folder of image files
     * @param spec the model's input description
     * @param resize whether to convert and resize images whose shape is not the model's
     * @throws DataLoadException if nothing can be read, or the images do not fit the model and {@code resize} is off
     */
    public static Images load(Path path, InputSpec spec, boolean resize) throws IOException {
        if (!Files.exists(path)) {
            throw new DataLoadException(path, "no such file or folder (" + path.toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).filter(OodImages::isImageFile).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new DataLoadException(path, "holds no PNG, JPEG, BMP or GIF files");
            }
            List<Images> images = new ArrayList<>();
            for (Path f : files) {
                images.add(fit(ImageFiles.readUnit(f), spec, resize, f));
            }
            return concat(images);
        }
        Images unit = isImageFile(path) ? ImageFiles.readUnit(path) : IdxReader.readImages(path);
        if (unit.count() == 0) {
            throw new DataLoadException(path, "holds no images");
        }
        return fit(unit, spec, resize, path);
    }

    private static Images fit(Images unit, InputSpec spec, boolean resize, Path source) throws DataLoadException {
        boolean fits = unit.channels() == spec.channels() && unit.height() == spec.height()
                && unit.width() == spec.width();
        if (fits) {
            return ImageConversion.mapBounds(unit, spec.lower(), spec.upper());
        }
        if (!resize) {
            throw new DataLoadException(source, "has images of " + unit.channels() + "x" + unit.height() + "x"
                    + unit.width() + " but the model takes " + spec.channels() + "x" + spec.height() + "x"
                    + spec.width() + "; resize them first, or ask for resizing (advlens ood --ood-resize)");
        }
        return ImageConversion.fitToSpec(unit, spec);
    }

    private static Images concat(List<Images> parts) {
        Images first = parts.get(0);
        int size = first.imageSize();
        float[] all = new float[parts.size() * size];
        int at = 0;
        for (Images p : parts) {
            float[] pixels = p.pixels();
            System.arraycopy(pixels, 0, all, at, pixels.length);
            at += pixels.length;
        }
        return new Images(all, at / size, first.channels(), first.height(), first.width());
    }

    private static boolean isImageFile(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
