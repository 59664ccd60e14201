package org.advlens.app.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where lessons come from: the bundled ones (listed, one file name a line, in {@value #BUNDLED_INDEX} on the class
 * path, so that they work in the packaged application) and every {@code .json} file in a user folder.
 */
public final class LessonLibrary {

    /** Class-path folder of the bundled lessons. */
    public static final String BUNDLED_FOLDER = "/advlens/lessons/";
    /** The list of bundled lesson files. */
    public static final String BUNDLED_INDEX = BUNDLED_FOLDER + "index.txt";

    /** Lessons read, and the files that could not be read with why. */
    public record Loaded(List<Lesson> lessons, List<LessonFormatException> problems) {
        public Loaded {
            lessons = lessons.stream().sorted(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::title))
                    .toList();
            problems = List.copyOf(problems);
        }
    }

    private LessonLibrary() {
    }

    /** The bundled lessons' file names, in the index's order. */
    public static List<String> bundledNames() throws IOException {
        try (InputStream in = LessonLibrary.class.getResourceAsStream(BUNDLED_INDEX)) {
            if (in == null) {
                throw new IOException("the bundled lessons' index " + BUNDLED_INDEX + " is missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** Reads one bundled lesson by file name. */
    public static Lesson bundled(String name) throws LessonFormatException {
        try (InputStream in = LessonLibrary.class.getResourceAsStream(BUNDLED_FOLDER + name)) {
            if (in == null) {
                throw new LessonFormatException(name, 0, "", "the bundled lesson is missing from the class path");
            }
            return LessonParser.parse(in, name);
        } catch (IOException e) {
            throw new LessonFormatException(name, 0, "", e.getMessage());
        }
    }

    /** The bundled lessons and, when {@code userFolder} exists, the lessons in it. */
    public static Loaded load(Path userFolder) {
        List<Lesson> lessons = new ArrayList<>();
        List<LessonFormatException> problems = new ArrayList<>();
        try {
            for (String name : bundledNames()) {
                try {
                    lessons.add(bundled(name));
                } catch (LessonFormatException e) {
                    problems.add(e);
                }
            }
        } catch (IOException e) {
            problems.add(new LessonFormatException("bundled lessons", 0, "", e.getMessage()));
        }
        if (userFolder != null && Files.isDirectory(userFolder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(userFolder, "*.json")) {
                for (Path f : files) {
                    try {
                        lessons.add(LessonParser.parse(f));
                    } catch (LessonFormatException e) {
                        problems.add(e);
                    }
                }
            } catch (IOException e) {
                problems.add(new LessonFormatException(userFolder.toString(), 0, "", e.getMessage()));
            }
        }
        return new Loaded(lessons, problems);
    }
}
