package org.advlens.app.jobs;

import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.controlsfx.control.TaskProgressView;

/**
 * The jobs panel: running jobs with progress and a cancel button (ControlsFX {@link TaskProgressView}), and
 * the recent jobs with how each ended.
 */
public final class JobsView extends BorderPane {

    public JobsView(JobsViewModel vm) {
        getStyleClass().add("jobs-view");
        TaskProgressView<EngineTask<?>> running = new TaskProgressView<>();
        running.setId("taskProgressView");
        running.setRetainTasks(false);
        vm.activeTasks().forEach(t -> running.getTasks().add(t));
        vm.activeTasks().addListener((ListChangeListener<EngineTask<?>>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(t -> running.getTasks().add(t));
            }
        });
        running.setPrefHeight(140);
        running.setMinHeight(80);

        ListView<EngineTask<?>> recent = new ListView<>(vm.history());
        recent.setId("jobHistory");
        recent.setPlaceholder(new Label("No jobs yet"));
        recent.setCellFactory(historyCells());
        recent.setPrefHeight(140);

        Label heading = new Label();
        heading.textProperty().bind(vm.summaryProperty());
        heading.getStyleClass().add("section-title");
        Button cancelAll = new Button("Cancel all");
        cancelAll.setId("cancelAllJobs");
        cancelAll.disableProperty().bind(vm.busyProperty().not());
        cancelAll.setOnAction(e -> vm.cancelAll());
        cancelAll.setTooltip(new Tooltip("Stop every running and waiting job at its next check"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, heading, spacer, cancelAll);
        bar.setPadding(new Insets(4, 8, 4, 8));

        VBox recentBox = new VBox(2, new Label("Recent jobs"), recent);
        VBox.setVgrow(recent, Priority.ALWAYS);
        recentBox.setPadding(new Insets(0, 4, 0, 4));
        SplitPane split = new SplitPane(running, recentBox);
        split.setDividerPositions(0.55);
        setTop(bar);
        setCenter(split);
    }

    private static Callback<ListView<EngineTask<?>>, ListCell<EngineTask<?>>> historyCells() {
        return lv -> new ListCell<>() {
            private EngineTask<?> watched;
            private final javafx.beans.InvalidationListener refresh = this::refresh;

            @Override
            protected void updateItem(EngineTask<?> task, boolean empty) {
                super.updateItem(task, empty);
                if (watched != null) {
                    watched.stateProperty().removeListener(refresh);
                    watched.progressProperty().removeListener(refresh);
                }
                watched = empty ? null : task;
                if (watched != null) {
                    watched.stateProperty().addListener(refresh);
                    watched.progressProperty().addListener(refresh);
                }
                refresh(null);
            }

            private void refresh(Observable ignored) {
                getStyleClass().removeAll("job-failed", "job-cancelled", "job-done");
                if (watched == null) {
                    setText(null);
                    return;
                }
                setText(JobsViewModel.describe(watched));
                switch (watched.getState()) {
                    case FAILED -> getStyleClass().add("job-failed");
                    case CANCELLED -> getStyleClass().add("job-cancelled");
                    case SUCCEEDED -> getStyleClass().add("job-done");
                    default -> { }
                }
            }
        };
    }
}
