package org.advlens.app.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonParserTest {

    private static final String MINIMAL = """
            {
              "id": "tiny",
              "title": "Tiny",
              "steps": [
                { "title": "One", "text": "First.", "page": "attack", "params": {"eps": 0.1, "targeted": false},
                  "run": true },
                { "title": "Two", "text": "Second.", "page": "curves", "run": "diagnose", "citation": "A, 2015" },
                { "title": "Three", "text": "Your turn.", "tryIt": true }
              ]
            }
            """;

    @Test
    void everyBundledLessonParsesAndEndsWithTryItYourself() throws Exception {
        // given the bundled lessons' index
        List<String> names = LessonLibrary.bundledNames();
        // then there are the six walkthroughs, each readable, with unique ids, a citation on every step and a
        // "try it yourself" step at the end
        assertEquals(6, names.size());
        Set<String> ids = new HashSet<>();
        for (String name : names) {
            Lesson lesson = LessonLibrary.bundled(name);
            assertTrue(ids.add(lesson.id()), "duplicate id " + lesson.id());
            assertTrue(lesson.size() >= 4, name + " has " + lesson.size() + " steps");
            assertTrue(lesson.step(lesson.size() - 1).tryIt(), name + " should end with a try-it-yourself step");
            assertTrue(lesson.steps().stream().anyMatch(LessonStep::runs), name + " runs no job");
            for (LessonStep s : lesson.steps()) {
                assertFalse(s.citation().isEmpty(), name + ", " + s.title() + ": no citation");
                assertTrue(s.text().length() <= 500, name + ", " + s.title() + ": the text is more than a sentence"
                        + " or two (" + s.text().length() + " characters)");
            }
        }
        assertEquals(6, LessonLibrary.load(null).lessons().size());
        assertTrue(LessonLibrary.load(null).problems().isEmpty());
    }

    @Test
    void aMinimalLessonReadsEveryKindOfAction() throws Exception {
        // when the minimal lesson is parsed
        Lesson lesson = LessonParser.parse(MINIMAL, "tiny.json");
        // then its steps carry the page, parameters as text, the commands and the try-it flag
        assertEquals("tiny", lesson.id());
        assertEquals(1000, lesson.order());
        LessonStep one = lesson.step(0);
        assertEquals(LessonPage.ATTACK, one.page());
        assertEquals(Map.of("eps", "0.1", "targeted", "false"), one.params());
        assertEquals(LessonStep.MAIN_COMMAND, one.run());
        assertEquals(5, one.line());
        assertEquals("diagnose", lesson.step(1).run());
        assertEquals("A, 2015", lesson.step(1).citation());
        assertTrue(lesson.step(2).tryIt());
        assertNull(lesson.step(2).page());
        assertFalse(lesson.step(2).runs());
    }

    @Test
    void syntaxErrorsGiveTheLine() {
        LessonFormatException e = assertThrows(LessonFormatException.class, () -> LessonParser.parse(
                "{\n  \"id\": \"x\",\n  \"title\": \"X\"\n  \"steps\": []\n}", "broken.json"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("broken.json, line 4: not valid JSON"), e.getMessage());
    }

    @Test
    void anUnknownPageNamesTheLineTheFieldAndThePages() {
        String json = MINIMAL.replace("\"page\": \"curves\"", "\"page\": \"curve\"");
        LessonFormatException e = assertThrows(LessonFormatException.class, () -> LessonParser.parse(json, "t.json"));
        assertEquals(7, e.line());
        assertEquals("steps[1].page", e.field());
        assertTrue(e.getMessage().contains("unknown page 'curve'; expected one of attack, curves, model"),
                e.getMessage());
    }

    @Test
    void aMisspeltFieldIsAnErrorNotIgnored() {
        String json = MINIMAL.replace("\"tryIt\"", "\"tryit\"");
        LessonFormatException e = assertThrows(LessonFormatException.class, () -> LessonParser.parse(json, "t.json"));
        assertEquals("steps[2].tryit", e.field());
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("unknown field; expected one of citation, model, page, params, run, sample,"
                + " text, title, tryIt"), e.getMessage());
    }

    @Test
    void missingAndWronglyTypedFieldsAreNamed() {
        assertField("steps[0].text", MINIMAL.replace("\"text\": \"First.\", ", ""), "missing; it is required");
        assertField("steps[0].title", MINIMAL.replace("\"title\": \"One\"", "\"title\": \"  \""), "must not be empty");
        assertField("steps[1].run", MINIMAL.replace("\"run\": \"diagnose\"", "\"run\": 3"), "must be true or the name");
        assertField("steps[0].params.eps", MINIMAL.replace("\"eps\": 0.1", "\"eps\": [0.1]"), "must be a string");
        assertField("steps", MINIMAL.replaceAll("(?s)\"steps\": \\[.*\\]", "\"steps\": []"), "at least one step");
        assertField("order", MINIMAL.replace("\"id\": \"tiny\",", "\"id\": \"tiny\", \"order\": \"first\","),
                "must be a whole number");
        assertField("id", MINIMAL.replace("\"tiny\"", "\"Tiny Lesson\""), "lower-case letters");
        assertField("title", MINIMAL.replace("\"title\": \"Tiny\",", "\"title\": \"Tiny\", \"title\": \"Again\","),
                "given twice");
        assertField("", MINIMAL.replace("\"citation\": \"A, 2015\"", "\"citation\": null"), "null is not allowed");
    }

    @Test
    void inconsistentStepsAreRejectedWithTheReason() {
        assertField("steps[0]", MINIMAL.replace("\"page\": \"attack\", ", ""), "parameters and run need a page");
        assertField("steps[2]", MINIMAL.replace("\"tryIt\": true", "\"tryIt\": true, \"page\": \"attack\","
                + " \"run\": true"), "hands control back");
        assertField("steps[2].model", MINIMAL.replace("\"tryIt\": true", "\"model\": \"resnet\""),
                "unknown model 'resnet'; expected one of standard, robust, distilled");
    }

    @Test
    void filesAreReadAndBadOnesReportedByTheLibrary(@TempDir Path dir) throws Exception {
        // given a user folder with one good and one broken lesson
        Files.writeString(dir.resolve("mine.json"), MINIMAL);
        Files.writeString(dir.resolve("broken.json"), "{ \"id\": \"b\" }");
        // when the library loads it
        LessonLibrary.Loaded loaded = LessonLibrary.load(dir);
        // then the good one joins the bundled ones and the broken one is reported by name
        assertEquals(7, loaded.lessons().size());
        assertEquals("tiny", loaded.lessons().get(6).id());
        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().get(0).getMessage().startsWith("broken.json, line 1, title: missing"),
                loaded.problems().get(0).getMessage());
        assertTrue(LessonsViewModel.looksLikeLesson(dir.resolve("mine.json")));
        Files.writeString(dir.resolve("curve.json"), "{\"curves\": []}");
        assertFalse(LessonsViewModel.looksLikeLesson(dir.resolve("curve.json")));
    }

    private static void assertField(String field, String json, String problem) {
        LessonFormatException e = assertThrows(LessonFormatException.class, () -> LessonParser.parse(json, "t.json"),
                "expected a problem with " + field);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.line() > 0, e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
