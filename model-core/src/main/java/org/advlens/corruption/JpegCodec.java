package org.advlens.corruption;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A round trip through a real JPEG encoder and decoder (the JDK's image I/O, which uses the IJG quality scale as
 * PIL does). Images with other than three channels are written one channel at a time. Grey images are written as one-component JPEGs: the reference converts them to RGB and back, which
 * gives the same luma with no chroma to compress.
 */
final class JpegCodec {

    /** The reference's qualities for severities 1 to 5. */
    static final int[] QUALITY = {25, 18, 15, 10, 7};

    private JpegCodec() {
    }

    static float[] roundTrip(Raster x, int quality) {
        try {
            if (x.channels() != 1 && x.channels() != 3) {
                float[] out = new float[x.v().length];
                for (int c = 0; c < x.channels(); c++) {
                    Raster one = new Raster(x.channel(c), 1, x.height(), x.width());
                    System.arraycopy(decode(encode(one, quality), one), 0, out, c * x.plane(), x.plane());
                }
                return out;
            }
            return decode(encode(x, quality), x);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip failed", e);
        }
    }

    /** The JPEG file for {@code x} at {@code quality} (1 to 100). */
    static byte[] encode(Raster x, int quality) throws IOException {
        int h = x.height();
        int w = x.width();
        int plane = x.plane();
        BufferedImage image;
        if (x.channels() == 3) {
            image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] rgb = new int[plane];
            for (int i = 0; i < plane; i++) {
                rgb[i] = byteOf(x.v()[i]) << 16 | byteOf(x.v()[plane + i]) << 8 | byteOf(x.v()[2 * plane + i]);
            }
            image.setRGB(0, 0, w, h, rgb, 0, w);
        } else {
            image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    image.getRaster().setSample(xx, y, 0, byteOf(x.v()[y * w + xx]));
                }
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static float[] decode(byte[] jpeg, Raster like) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (image == null) {
            throw new IOException("the JPEG reader could not read back its own output");
        }
        int h = like.height();
        int w = like.width();
        int plane = like.plane();
        float[] out = new float[like.v().length];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int i = y * w + xx;
                if (like.channels() == 3) {
                    int p = image.getRGB(xx, y);
                    out[i] = (p >> 16 & 255) / 255f;
                    out[plane + i] = (p >> 8 & 255) / 255f;
                    out[2 * plane + i] = (p & 255) / 255f;
                } else {
                    out[i] = image.getRaster().getSample(xx, y, 0) / 255f;
                }
            }
        }
        return out;
    }

    private static int byteOf(float v) {
        return Math.round(Raster.clip(v) * 255);
    }
}
