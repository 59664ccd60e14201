package org.advlens.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionViewModelTest {

    @TempDir
    Path dir;

    @Test
    void recentFilesAndThemeSurviveARestart() {
        // given a session that opened two models (the first twice) and switched to the dark theme
        SessionStore store = new SessionStore(dir.resolve("session.json"));
        SessionViewModel first = new SessionViewModel(store);
        first.rememberModel(dir.resolve("a.zip"));
        first.rememberModel(dir.resolve("b.h5"));
        first.rememberModel(dir.resolve("a.zip"));
        first.rememberImage(dir.resolve("cat.png"));
        first.darkThemeProperty().set(true);
        first.windowProperty().set(new SessionStore.WindowBounds(10, 20, 800, 600, false));
        first.save();
        // when the application starts again
        SessionViewModel second = new SessionViewModel(store);
        // then the newest file is first, without duplicates, and the theme and window are back
        assertEquals(List.of(dir.resolve("a.zip"), dir.resolve("b.h5")), second.recentModels());
        assertEquals(List.of(dir.resolve("cat.png")), second.recentImages());
        assertTrue(second.darkThemeProperty().get());
        assertEquals(800, second.windowProperty().get().width());
        assertEquals(dir, second.lastDirectoryProperty().get());
    }

    @Test
    void listsKeepTheNewestTen() {
        SessionViewModel s = new SessionViewModel(new SessionStore(dir.resolve("s.json")));
        // when twelve images are opened
        for (int i = 0; i < 12; i++) {
            s.rememberImage(dir.resolve("img" + i + ".png"));
        }
        // then the ten newest remain, newest first
        assertEquals(SessionViewModel.MAX_RECENT, s.recentImages().size());
        assertEquals(dir.resolve("img11.png"), s.recentImages().get(0));
    }

    @Test
    void anUnreadableSessionFileGivesAnEmptySession() throws Exception {
        // given a corrupt session file
        Path file = dir.resolve("session.json");
        Files.writeString(file, "{not json");
        // when loading it
        SessionViewModel s = new SessionViewModel(new SessionStore(file));
        // then the session is empty instead of failing
        assertTrue(s.recentModels().isEmpty());
        assertEquals(null, s.windowProperty().get());
    }
}
