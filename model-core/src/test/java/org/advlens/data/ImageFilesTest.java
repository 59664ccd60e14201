package org.advlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    private static final InputSpec GREY_4 = InputSpec.grey(4, 4);
    private static final InputSpec RGB_4 = new InputSpec(3, 4, 4, ChannelOrder.NCHW, 0, 1, null, null);

    @TempDir
    Path dir;

    private static BufferedImage grey(int w, int h, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        return img;
    }

    private static BufferedImage colour(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, p.toFile()), "no writer for " + format);
        return p;
    }

    @Test
    void readsGreyPngExactly() throws IOException {
        BufferedImage img = grey(4, 4, 0);
        img.getRaster().setSample(1, 2, 0, 255);
        img.getRaster().setSample(3, 0, 0, 51);
        Images x = ImageFiles.read(write(img, "png", "g.png"), GREY_4);
        assertEquals(1, x.count());
        assertEquals(1f, x.get(0, 0, 2, 1));
        assertEquals(0.2f, x.get(0, 0, 0, 3), 1e-6);
        assertEquals(0f, x.get(0, 0, 0, 0));
    }

    @Test
    void convertsColourToGreyWithLuma() throws IOException {
        Images x = ImageFiles.read(write(colour(4, 4, 0xFF0000), "png", "red.png"), GREY_4);
        assertEquals(0.299f, x.get(0, 0, 1, 1), 1e-5);
        x = ImageFiles.read(write(colour(4, 4, 0x00FF00), "bmp", "green.bmp"), GREY_4);
        assertEquals(0.587f, x.get(0, 0, 3, 3), 1e-5);
    }

    @Test
    void replicatesGreyIntoColourChannels() throws IOException {
        Images x = ImageFiles.read(write(grey(4, 4, 102), "png", "g.png"), RGB_4);
        assertEquals(3, x.channels());
        for (int c = 0; c < 3; c++) {
            assertEquals(0.4f, x.get(0, c, 2, 2), 1e-6);
        }
    }

    @Test
    void keepsColourChannelsInRgbOrder() throws IOException {
        Images x = ImageFiles.fromBufferedImage(colour(4, 4, 0x336699), RGB_4);
        assertEquals(0x33 / 255f, x.get(0, 0, 0, 0), 1e-6);
        assertEquals(0x66 / 255f, x.get(0, 1, 0, 0), 1e-6);
        assertEquals(0x99 / 255f, x.get(0, 2, 0, 0), 1e-6);
    }

    @Test
    void resizesByAreaAveragingWhenShrinking() {
        BufferedImage img = grey(8, 8, 0);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x += 2) {
                img.getRaster().setSample(x, y, 0, 255);
            }
        }
        Images x = ImageFiles.fromBufferedImage(img, GREY_4);
        for (float v : x.pixels()) {
            assertEquals(0.5f, v, 1e-6, "each output pixel averages one white and one black column");
        }
    }

    @Test
    void resizesBilinearlyWhenGrowing() {
        Images small = new Images(new float[] {0f, 1f}, 1, 1, 1, 2);
        Images big = ImageConversion.resize(small, 1, 4);
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, big.pixels(), 1e-6f);
        Images same = ImageConversion.resize(small, 1, 2);
        assertEquals(small, same);
    }

    @Test
    void mapsPixelRangeOntoSpecBounds() throws IOException {
        BufferedImage img = grey(4, 4, 0);
        img.getRaster().setSample(0, 0, 0, 255);
        InputSpec spec = GREY_4.withBounds(-1, 1);
        Images x = ImageFiles.read(write(img, "png", "b.png"), spec);
        assertEquals(1f, x.get(0, 0, 0, 0), 1e-6);
        assertEquals(-1f, x.get(0, 0, 1, 1), 1e-6);
        x = ImageFiles.read(write(grey(4, 4, 0), "png", "z.png"), GREY_4.withBounds(0, 255));
        assertEquals(0f, x.get(0, 0, 3, 3));
    }

    @Test
    void readsJpegAndGif() throws IOException {
        Images j = ImageFiles.read(write(grey(4, 4, 200), "jpeg", "g.jpg"), GREY_4);
        assertEquals(200 / 255f, j.get(0, 0, 1, 1), 0.02);
        Images g = ImageFiles.read(write(colour(4, 4, 0xFFFFFF), "gif", "w.gif"), GREY_4);
        assertEquals(1f, g.get(0, 0, 1, 1), 1e-5);
    }

    @Test
    void writesPngsThatReadBackUnchanged() throws IOException {
        float[] px = new float[3 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 7 % 256) / 255f;
        }
        Images rgb = new Images(px, 1, 3, 4, 4);
        Path p = dir.resolve("out/rgb.png");
        ImageFiles.writePng(rgb, 0, 0, 1, p);
        assertEquals(rgb, ImageFiles.read(p, RGB_4));

        Images greyImg = new Images(Arrays.copyOf(px, 16), 1, 1, 4, 4);
        Path q = dir.resolve("grey.png");
        ImageFiles.writePng(ImageConversion.mapBounds(greyImg, -1, 1), 0, -1, 1, q);
        assertArrayEquals(greyImg.pixels(), ImageFiles.read(q, GREY_4).pixels(), 1e-6f);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, ImageIO.read(q.toFile()).getType());
    }

    @Test
    void writesFloatMapsScaledToTheirRange() throws IOException {
        Path p = dir.resolve("map.png");
        ImageFiles.writePng(new float[] {-2f, 0f, 2f, 4f}, 2, 2, -2, 2, p);
        Images back = ImageFiles.read(p, InputSpec.grey(2, 2));
        assertArrayEquals(new float[] {0f, 128 / 255f, 1f, 1f}, back.pixels(), 1e-6f);
    }

    @Test
    void rejectsFilesThatAreNotImages() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not an image");
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFiles.read(text, GREY_4));
        assertEquals("notes.png: not an image: expected PNG, JPEG, BMP or GIF", e.getMessage());
        e = assertThrows(DataLoadException.class, () -> ImageFiles.read(dir.resolve("missing.png"), GREY_4));
        assertTrue(e.getMessage().startsWith("missing.png: no such file"), e.getMessage());
        e = assertThrows(DataLoadException.class, () -> ImageFiles.read(dir, GREY_4));
        assertTrue(e.getMessage().contains("not a file"), e.getMessage());
    }

    @Test
    void rejectsCorruptPngData() throws IOException {
        byte[] png = Files.readAllBytes(write(grey(64, 64, 3), "png", "ok.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, 40));
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFiles.read(cut, GREY_4));
        assertTrue(e.getMessage().startsWith("cut.png: corrupt"), e.getMessage());
    }

    @Test
    void refusesHugeImagesFromTheHeaderAlone() throws IOException {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, pngHeaderOnly(10_000, 8_000));
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFiles.read(huge, GREY_4));
        assertEquals("huge.png: image is 10000x8000 (80.0 megapixels); AdvLens reads images of at most 50 megapixels",
                e.getMessage());
    }

    /** A PNG signature and IHDR chunk announcing a grey image of the given size, without pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 0, 0, 0, 0});
        byte[] body = chunk.toByteArray();
        out.writeInt(body.length - 4);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }
}
