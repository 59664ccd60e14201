package org.advlens.app.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.advlens.app.FxThread;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.session.SessionStore;
import org.advlens.app.session.SessionViewModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryViewModelTest {

    @TempDir
    Path dir;

    private Notices notices;
    private Workspace workspace;
    private GalleryViewModel gallery;
    private SessionViewModel session;

    @BeforeEach
    void givenAGalleryWithASynchronousRunner() throws Exception {
        FxThread.start();
        notices = new Notices();
        workspace = new Workspace();
        session = new SessionViewModel(new SessionStore(dir.resolve("session.json")));
        gallery = new GalleryViewModel(workspace, JobRunner.synchronous(notices), notices, session);
    }

    @Test
    void anImageFileIsOpenedSelectedAndRemembered() throws Exception {
        // given a 40x30 colour PNG
        Path png = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        // when it is opened
        FxThread.run(() -> gallery.openImage(png));
        FxThread.flush();
        // then it is the workspace's image, unlabelled, and first in the recent images
        ImageItem item = FxThread.call(workspace::image);
        assertEquals("photo.png", item.name());
        assertEquals(ImageItem.UNKNOWN, item.label());
        assertEquals(30, item.fitted().height());
        assertEquals(png.toAbsolutePath(), session.recentImages().get(0));
        assertEquals("", FxThread.call(() -> gallery.errorProperty().get()));
    }

    @Test
    void aFileThatIsNoImageGivesAClearMessage() throws Exception {
        // given a text file named like an image
        Path fake = dir.resolve("notes.png");
        Files.writeString(fake, "these are not pixels");
        // when it is opened
        FxThread.run(() -> gallery.openImage(fake));
        FxThread.flush();
        // then the gallery says which file and why, nothing is selected, and an error notice is posted
        String error = FxThread.call(() -> gallery.errorProperty().get());
        assertTrue(error.contains("notes.png") && error.contains("not an image"), error);
        assertEquals(null, FxThread.call(workspace::image));
        assertEquals(Notices.Level.ERROR, FxThread.call(() -> notices.log().get(0).level()));
    }

    @Test
    void aHugeImageIsRefusedBeforeDecoding() throws Exception {
        // given a PNG whose header announces 20000 x 20000 pixels
        Path huge = dir.resolve("huge.png");
        Files.write(huge, pngHeader(20_000, 20_000));
        // when it is opened
        FxThread.run(() -> gallery.openImage(huge));
        FxThread.flush();
        // then the message names the size and the limit
        String error = FxThread.call(() -> gallery.errorProperty().get());
        assertTrue(error.contains("huge.png") && error.contains("20000x20000"), error);
    }

    /** A PNG signature and IHDR chunk only: enough for a reader to learn the size. */
    private static byte[] pngHeader(int width, int height) throws Exception {
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
