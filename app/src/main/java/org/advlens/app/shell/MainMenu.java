package org.advlens.app.shell;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.advlens.app.session.RecentFilesView;
import org.advlens.app.shell.MainViewModel.Page;

/** The menu bar and its keyboard shortcuts. */
final class MainMenu extends MenuBar {

    /** What the menus ask the main window to do (things that need a window: file dialogs, dialogs). */
    interface Actions {
        void openModel();

        void openImage();

        void openDataset();

        void exportAttack();

        void writeReport();

        void showShortcuts();

        void openLesson();

        void showAbout();

        void quit();
    }

    MainMenu(MainViewModel vm, Actions actions) {
        setUseSystemMenuBar(true);

        MenuItem openModel = item("Open _Model…", shortcut(KeyCode.O), actions::openModel);
        openModel.setId("menuOpenModel");
        Menu recentModels = new RecentFilesView("Open Recent Model", vm.session().recentModels(), vm.model()::load);
        MenuItem bundled = item("Use _Bundled Model", null, vm.model()::loadBundled);
        MenuItem openImage = item("Open _Image…", shortcut(KeyCode.I), actions::openImage);
        Menu recentImages = new RecentFilesView("Open Recent Image", vm.session().recentImages(),
                p -> vm.openFiles(java.util.List.of(p)));
        MenuItem openData = item("Open _Data Set…", new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN),
                actions::openDataset);
        MenuItem export = item("_Export…", shortcut(KeyCode.E), actions::exportAttack);
        export.disableProperty().bind(vm.canExportProperty().not());
        MenuItem report = item("Write _Robustness Report…", new KeyCodeCombination(KeyCode.R,
                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), actions::writeReport);
        report.setId("menuWriteReport");
        MenuItem quit = item("_Quit", shortcut(KeyCode.Q), actions::quit);
        Menu file = new Menu("_File", null, openModel, recentModels, bundled, new SeparatorMenuItem(), openImage,
                recentImages, openData, new SeparatorMenuItem(), export, report, new SeparatorMenuItem(), quit);

        MenuItem run = item("_Run", shortcut(KeyCode.R), vm::runCurrent);
        run.setId("menuRun");
        MenuItem cancel = item("_Cancel All Jobs", new KeyCodeCombination(KeyCode.PERIOD,
                KeyCombination.SHORTCUT_DOWN), vm.jobsPanel()::cancelAll);
        Menu runMenu = new Menu("_Run", null, run, cancel);

        MenuItem attack = item("_Attack", shortcut(KeyCode.DIGIT1), () -> vm.pageProperty().set(Page.ATTACK));
        MenuItem curves = item("_Curves", shortcut(KeyCode.DIGIT2), () -> vm.pageProperty().set(Page.CURVES));
        MenuItem model = item("_Model", shortcut(KeyCode.DIGIT3), () -> vm.pageProperty().set(Page.MODEL));
        MenuItem saliency = item("_Saliency", shortcut(KeyCode.DIGIT4), () -> vm.pageProperty().set(Page.SALIENCY));
        MenuItem sanity = item("Sanity C_hecks", shortcut(KeyCode.DIGIT5), () -> vm.pageProperty().set(Page.SANITY));
        MenuItem counterfactual = item("Cou_nterfactual", shortcut(KeyCode.DIGIT6),
                () -> vm.pageProperty().set(Page.COUNTERFACTUAL));
        MenuItem training = item("_Training", shortcut(KeyCode.DIGIT7), () -> vm.pageProperty().set(Page.TRAINING));
        MenuItem robustness = item("R_obustness", shortcut(KeyCode.DIGIT8),
                () -> vm.pageProperty().set(Page.ROBUSTNESS));
        MenuItem boundary = item("_Boundary", shortcut(KeyCode.DIGIT9), () -> vm.pageProperty().set(Page.BOUNDARY));
        MenuItem compare = item("Com_pare", shortcut(KeyCode.DIGIT0), () -> vm.pageProperty().set(Page.COMPARE));
        MenuItem concepts = item("Conc_epts", new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> vm.pageProperty().set(Page.CONCEPTS));
        concepts.setId("menuConcepts");
        MenuItem faithfulness = item("_Faithfulness", new KeyCodeCombination(KeyCode.DIGIT5,
                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> vm.pageProperty().set(Page.FAITHFULNESS));
        faithfulness.setId("menuFaithfulness");
        CheckMenuItem jobs = new CheckMenuItem("_Jobs and Messages Panel");
        jobs.setAccelerator(shortcut(KeyCode.J));
        jobs.selectedProperty().bindBidirectional(vm.jobsVisibleProperty());
        CheckMenuItem dark = new CheckMenuItem("_Dark Theme");
        dark.setId("menuDarkTheme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        dark.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        Menu view = new Menu("_View", null, attack, curves, model, saliency, sanity, counterfactual, training,
                robustness, boundary, compare, concepts, faithfulness, new SeparatorMenuItem(), jobs, dark);

        MenuItem lessons = item("_Lessons", new KeyCodeCombination(KeyCode.F1), vm.lessons()::showList);
        lessons.setId("menuLessons");
        MenuItem openLesson = item("_Open Lesson File…", null, actions::openLesson);
        MenuItem keys = item("_Keyboard Shortcuts", new KeyCodeCombination(KeyCode.F1, KeyCombination.SHIFT_DOWN),
                actions::showShortcuts);
        MenuItem about = item("_About AdvLens", null, actions::showAbout);
        Menu help = new Menu("_Help", null, lessons, openLesson, new SeparatorMenuItem(), keys, about);

        getMenus().addAll(file, runMenu, view, help);
    }

    /** The shortcuts, for the help dialog. */
    static final String SHORTCUTS = String.join("\n",
            "Ctrl+O\tOpen a model (DL4J zip, Keras h5)",
            "Ctrl+I\tOpen an image",
            "Ctrl+D\tOpen a data set (IDX file or class folder) for the gallery",
            "Ctrl+R, F5\tRun the current view: attack, curves, saliency maps, sanity check, counterfactual, training",
            "Ctrl+.\tCancel all jobs",
            "Ctrl+E\tExport the current view's result",
            "Ctrl+Shift+R\tWrite a robustness report (HTML) for the loaded model",
            "Ctrl+1/2/3\tAttack, Curves, Model view",
            "Ctrl+4/5/6\tSaliency, Sanity checks, Counterfactual view",
            "Ctrl+7\tTraining view",
            "Ctrl+8\tRobustness view: certification, corruptions, OOD detection, calibration",
            "Ctrl+9\tBoundary view",
            "Ctrl+0\tCompare view: transfer matrix, agreement, two models side by side",
            "Ctrl+Shift+4\tConcepts view: concept relevance propagation",
            "Ctrl+Shift+5\tFaithfulness view: every saliency method scored on a data set sample",
            "Ctrl+J\tShow or hide the jobs panel",
            "Ctrl+Shift+T\tLight or dark theme",
            "F1\tLessons: guided walkthroughs of the views (Esc leaves a lesson)",
            "Shift+F1\tThis list",
            "Ctrl+Q\tQuit",
            "",
            "Drop model, image or lesson files anywhere on the window to open them.");

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
