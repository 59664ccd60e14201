package org.advlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.advlens.model.InputSpec;
import org.advlens.testing.ByteMutator;
import org.advlens.testing.LoaderFuzzer;
import org.advlens.testing.LoaderFuzzer.Input;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed PNG, JPEG, GIF and BMP files fed to {@link ImageFiles#read} and {@link ImageFiles#readUnit} as the app
 * and the CLI call them (16-bit, alpha, four-channel and animated ones among the seeds): every one loads or fails with a {@link DataLoadException} within a few seconds.
 */
class ImageFuzzTest {

    private static final LoaderFuzzer FUZZER = new LoaderFuzzer("image", Duration.ofSeconds(5),
            DataLoadException.class);
    private static final InputSpec SPEC = InputSpec.grey(28, 28);

    @TempDir
    static Path dir;

    private static final List<byte[]> SEEDS = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>();

    @BeforeAll
    static void writeSeeds() throws IOException {
        seed("grey PNG", encode(image(BufferedImage.TYPE_BYTE_GRAY), "png"));
        seed("RGB PNG", encode(image(BufferedImage.TYPE_INT_RGB), "png"));
        seed("RGBA PNG", encode(image(BufferedImage.TYPE_INT_ARGB), "png"));
        seed("16-bit grey PNG", encode(image(BufferedImage.TYPE_USHORT_GRAY), "png"));
        seed("RGB JPEG", encode(image(BufferedImage.TYPE_INT_RGB), "jpeg"));
        seed("grey JPEG", encode(image(BufferedImage.TYPE_BYTE_GRAY), "jpeg"));
        seed("GIF", encode(image(BufferedImage.TYPE_BYTE_INDEXED), "gif"));
        seed("animated GIF", animatedGif());
        seed("BMP", encode(image(BufferedImage.TYPE_3BYTE_BGR), "bmp"));
        seed("CMYK JPEG", cmykJpeg());
    }

    private static void seed(String name, byte[] bytes) {
        NAMES.add(name);
        SEEDS.add(bytes);
    }

    private static BufferedImage image(int type) {
        BufferedImage image = new BufferedImage(12, 9, type);
        Random r = new Random(type);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                image.setRGB(x, y, 0xFF000000 | r.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no " + format + " writer");
        return out.toByteArray();
    }

    private static byte[] animatedGif() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(image(BufferedImage.TYPE_BYTE_INDEXED), null, null), null);
            writer.writeToSequence(new IIOImage(image(BufferedImage.TYPE_BYTE_BINARY), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A four-channel JPEG (written from a raster, so CMYK/YCCK), which the JDK's reader does not decode. */
    private static byte[] cmykJpeg() throws IOException {
        WritableRaster raster = WritableRaster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 12, 9,
                4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Input generate(Random random) {
        int which = random.nextInt(SEEDS.size());
        byte[] donor = SEEDS.get(random.nextInt(SEEDS.size()));
        return new Input(ByteMutator.mutate(SEEDS.get(which), donor, random), NAMES.get(which));
    }

    private static void load(Input input) throws IOException {
        Path file = write("fuzz-image", input.bytes());
        Images fitted = ImageFiles.read(file, SPEC);
        assertEquals(28 * 28, fitted.pixels().length);
        Images unit = ImageFiles.readUnit(file);
        assertEquals(1, unit.count());
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mutatedImagesLoadOrFailWithAMessage() {
        LoaderFuzzer.Report report = FUZZER.run(2_000_000L, LoaderFuzzer.count(300), ImageFuzzTest::generate,
                ImageFuzzTest::load);
        assertTrue(report.loaded() > 0 && report.rejected() > 0, report.toString());
    }

    @Test
    void everySeedLoads() {
        for (int i = 0; i < SEEDS.size(); i++) {
            assertTrue(FUZZER.check(i, new Input(SEEDS.get(i), NAMES.get(i)), ImageFuzzTest::load), NAMES.get(i));
        }
    }

    /** A grey 8-bit PNG declaring {@code width x height}, with {@code rows} rows of zeros as its data. */
    private static byte[] png(int width, int height, int rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < rows; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void aPngDeclaring100000By100000IsRefusedFromItsHeader() throws IOException {
        Path file = write("huge.png", png(100_000, 100_000, 0));
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFiles.read(file, SPEC));
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void aJpegDeclaring40000By40000IsRefusedFromItsHeader() throws IOException {
        byte[] jpeg = SEEDS.get(NAMES.indexOf("RGB JPEG")).clone();
        int sof = 2;
        while (!((jpeg[sof] & 0xFF) == 0xFF && (jpeg[sof + 1] & 0xFF) == 0xC0)) {
            sof += 2 + ((jpeg[sof + 2] & 0xFF) << 8 | (jpeg[sof + 3] & 0xFF));
        }
        for (int i = 5; i < 9; i += 2) {
            jpeg[sof + i] = (byte) (40_000 >> 8);
            jpeg[sof + i + 1] = (byte) 40_000;
        }
        Path file = write("huge.jpg", jpeg);
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFiles.readUnit(file));
        assertTrue(e.getMessage().contains("40000x40000"), e.getMessage());
    }

    @Test
    void aTruncatedPngOfManyRowsIsRefusedWithAMessage() throws IOException {
        // 4000 x 4000 declared, 10 rows of data present
        Path file = write("short.png", png(4000, 4000, 10));
        boolean loaded = FUZZER.check(0, new Input(Files.readAllBytes(file), "truncated PNG"), ImageFuzzTest::load);
        assertEquals(false, loaded);
    }

    @Test
    void aFourChannelJpegReadsAsAColourImage() throws IOException {
        Path file = write("cmyk.jpg", SEEDS.get(NAMES.indexOf("CMYK JPEG")));
        Images unit = ImageFiles.readUnit(file);
        assertEquals(3, unit.channels());
        assertEquals(12 * 9, unit.height() * unit.width());
    }
}
