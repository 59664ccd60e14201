package org.advlens.app.lessons;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lessons side panel: the list of lessons when none is followed; otherwise the current step's title, text
 * and citation, "Step 3 of 7", Back and Next, and Leave (Esc). It only binds to {@link LessonsViewModel} and
 * the current {@link LessonRunner}.
 */
public final class LessonPanel extends VBox {

    /** Panel width in pixels. */
    static final double WIDTH = 330;

    private final LessonsViewModel vm;
    private final Runnable openFile;
    private final VBox list = new VBox(8);
    private final VBox walk = new VBox(8);

    /** @param openFile asks the window for a lesson file to open */
    public LessonPanel(LessonsViewModel vm, Runnable openFile) {
        this.vm = vm;
        this.openFile = openFile;
        setId("lessonPanel");
        getStyleClass().add("lesson-panel");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setPadding(new Insets(10));
        setSpacing(8);
        buildList();
        vm.runnerProperty().addListener((o, a, r) -> show(r));
        show(vm.runnerProperty().get());
    }

    private void buildList() {
        Label title = new Label("Lessons");
        title.getStyleClass().add("view-title");
        Button close = new Button("Close");
        close.setId("lessonCloseButton");
        close.setOnAction(e -> vm.close());
        Label intro = new Label("Guided walkthroughs that drive the real views with preset parameters. Pick one and"
                + " press Start; Esc leaves a lesson.");
        intro.setWrapText(true);
        intro.getStyleClass().add("muted");
        ListView<Lesson> lessons = new ListView<>(vm.lessons());
        lessons.setId("lessonList");
        lessons.setCellFactory(v -> new LessonCell());
        VBox.setVgrow(lessons, Priority.ALWAYS);
        Button start = new Button("Start");
        start.setId("lessonStartButton");
        start.setDefaultButton(true);
        start.disableProperty().bind(lessons.getSelectionModel().selectedItemProperty().isNull());
        start.setOnAction(e -> vm.start(lessons.getSelectionModel().getSelectedItem()));
        lessons.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && lessons.getSelectionModel().getSelectedItem() != null) {
                vm.start(lessons.getSelectionModel().getSelectedItem());
            }
        });
        Button open = new Button("Open Lesson File…");
        open.setTooltip(new Tooltip("A lesson written as a JSON file (see docs/lessons.md); you can also drop it on"
                + " the window, or put it in " + vm.userFolder()));
        open.setOnAction(e -> openFile.run());
        list.getChildren().setAll(new HBox(8, title, spacer(), close), intro, lessons, new HBox(8, start, open));
        VBox.setVgrow(list, Priority.ALWAYS);
    }

    private void show(LessonRunner r) {
        if (r == null) {
            getChildren().setAll(list);
            return;
        }
        buildWalk(r);
        getChildren().setAll(walk);
    }

    private void buildWalk(LessonRunner r) {
        Label lesson = new Label(r.lesson().title());
        lesson.getStyleClass().add("view-title");
        lesson.setWrapText(true);
        Label progress = new Label();
        progress.setId("lessonProgress");
        progress.textProperty().bind(r.progressTextProperty());
        progress.getStyleClass().add("muted");
        Label stepTitle = new Label();
        stepTitle.setId("lessonStepTitle");
        stepTitle.getStyleClass().add("section-title");
        stepTitle.setWrapText(true);
        stepTitle.textProperty().bind(Bindings.createStringBinding(() -> r.stepProperty().get() == null ? ""
                : r.stepProperty().get().title(), r.stepProperty()));
        Label tryIt = new Label("Try it yourself");
        tryIt.getStyleClass().add("lesson-try-it");
        tryIt.visibleProperty().bind(Bindings.createBooleanBinding(() -> r.stepProperty().get() != null
                && r.stepProperty().get().tryIt(), r.stepProperty()));
        tryIt.managedProperty().bind(tryIt.visibleProperty());
        Label text = new Label();
        text.setId("lessonStepText");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> r.stepProperty().get() == null ? ""
                : r.stepProperty().get().text(), r.stepProperty()));
        Label citation = new Label();
        citation.setId("lessonCitation");
        citation.setWrapText(true);
        citation.setMinHeight(Region.USE_PREF_SIZE);
        citation.getStyleClass().addAll("muted", "lesson-citation");
        citation.textProperty().bind(Bindings.createStringBinding(() -> r.stepProperty().get() == null
                || r.stepProperty().get().citation().isEmpty() ? "" : r.stepProperty().get().citation(),
                r.stepProperty()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label running = new Label("Running the step… the next one waits for it");
        running.getStyleClass().add("muted");
        HBox busy = new HBox(6, spinner, running);
        busy.visibleProperty().bind(r.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label problem = new Label();
        problem.setId("lessonProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("lesson-problem");
        problem.textProperty().bind(r.problemProperty());
        problem.visibleProperty().bind(r.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button back = new Button("Back");
        back.setId("lessonBackButton");
        back.disableProperty().bind(r.canBackProperty().not());
        back.setOnAction(e -> r.back());
        Button next = new Button("Next");
        next.setId("lessonNextButton");
        next.setDefaultButton(true);
        next.disableProperty().bind(r.canNextProperty().not());
        next.setOnAction(e -> r.next());
        Button repeat = new Button("Repeat");
        repeat.setTooltip(new Tooltip("Perform this step again"));
        repeat.disableProperty().bind(r.busyProperty());
        repeat.setOnAction(e -> r.repeat());
        Button leave = new Button("Leave");
        leave.setId("lessonLeaveButton");
        leave.setTooltip(new Tooltip("Back to the list of lessons (Esc)"));
        leave.setOnAction(e -> vm.leave());

        VBox body = new VBox(8, stepTitle, tryIt, text, citation, busy, problem);
        body.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("lesson-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        walk.getChildren().setAll(lesson, progress, scroll, new HBox(8, back, next, spacer(), repeat, leave));
        VBox.setVgrow(walk, Priority.ALWAYS);
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** A lesson in the list: its title and one-line summary. */
    private static final class LessonCell extends ListCell<Lesson> {
        @Override
        protected void updateItem(Lesson item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label title = new Label(item.title());
            title.getStyleClass().add("panel-title");
            title.setWrapText(true);
            Label summary = new Label(item.summary() + " (" + item.size() + " steps)");
            summary.setWrapText(true);
            summary.getStyleClass().add("muted");
            VBox box = new VBox(2, title, summary);
            box.setMaxWidth(WIDTH - 40);
            box.setPrefWidth(WIDTH - 40);
            setGraphic(box);
            setText(null);
        }
    }
}
