package org.advlens.app.boundary;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.app.common.ImageRenderer;
import org.advlens.attack.Norm;
import org.advlens.data.Images;
import org.advlens.eval.boundary.LinearityResult;
import org.jfree.chart.fx.ChartViewer;

/**
 * The decision-boundary view: direction choosers and the grid on the left; the plane of the current model (and of
 * the bundled robust model beside it) painted as the job reports; the hover readout with a thumbnail; and the
 * logit-linearity charts below. Hovering a plane shows its point, clicking loads it into the Attack view.
 */
public final class BoundaryView extends BorderPane {

    private static final double SIDE = 340;

    private final BoundaryViewModel vm;
    private final PlaneCanvas left = new PlaneCanvas(SIDE);
    private final PlaneCanvas right = new PlaneCanvas(SIDE);
    private final ChartViewer adversarialChart = new ChartViewer();
    private final ChartViewer randomChart = new ChartViewer();

    public BoundaryView(BoundaryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("boundary-view");
        setLeft(form());
        setCenter(planes());
        vm.planeProperty().addListener((o, a, r) -> left.paint(r));
        vm.comparedProperty().addListener((o, a, r) -> right.paint(r));
        right.visibleProperty().bind(vm.compareRobustProperty());
        right.managedProperty().bind(vm.compareRobustProperty());
        vm.linearityProperty().addListener((o, a, r) -> showLinearity(r));
        left.setId("boundaryPlane");
        right.setId("boundaryPlaneRobust");
        wire(left, 0);
        wire(right, 1);
    }

    private void wire(PlaneCanvas canvas, int panel) {
        canvas.setOnMouseMoved(e -> {
            int[] c = canvas.cellAt(e.getX(), e.getY());
            if (c != null) {
                vm.hover(panel, c[0], c[1]);
            }
        });
        canvas.setOnMouseClicked(e -> {
            int[] c = canvas.cellAt(e.getX(), e.getY());
            if (c != null) {
                vm.loadIntoAttack(panel, c[0], c[1]);
            }
        });
    }

    private ScrollPane form() {
        GridPane g = FormControls.grid();
        int row = 0;
        List<String> choices = BoundaryViewModel.directionChoices();
        ComboBox<String> u = new ComboBox<>();
        u.getItems().setAll(choices);
        u.valueProperty().bindBidirectional(vm.uProperty());
        ComboBox<String> v = new ComboBox<>();
        v.getItems().setAll(choices);
        v.valueProperty().bindBidirectional(vm.vProperty());
        g.addRow(row++, FormControls.fieldLabel("Direction u"),
                FormControls.tip("boundaryU", u, "First axis: the gradient, a random direction or an attack's "
                        + "perturbation, normalised"));
        g.addRow(row++, FormControls.fieldLabel("Direction v"),
                FormControls.tip("boundaryV", v, "Second axis, made orthogonal to u (Gram-Schmidt)"));
        ComboBox<Norm> norm = new ComboBox<>();
        norm.getItems().setAll(Norm.values());
        norm.valueProperty().bindBidirectional(vm.normProperty());
        g.addRow(row++, FormControls.fieldLabel("Norm"), FormControls.tip("boundaryNorm", norm,
                "Threat model of the attack directions and of the drawn ball"));
        g.addRow(row++, FormControls.fieldLabel("ε"), doubleSpinner("boundaryEps", 0.001, 10, 0.01,
                vm.epsilonProperty(), "Budget of the attacks and radius of the drawn ball"));
        g.addRow(row++, FormControls.fieldLabel("Extent (× ball)"), doubleSpinner("boundaryExtent", 0.1, 100, 0.5,
                vm.extentMultipleProperty(), "Half-width of the plane as a multiple of the ε ball's radius in it"));
        g.addRow(row++, FormControls.fieldLabel("Resolution"), FormControls.intSpinner("boundaryResolution", 5,
                401, vm.resolutionProperty(), "Cells per side; a coarse grid is painted first"));
        CheckBox robust = new CheckBox("Beside the bundled robust model");
        robust.setId("boundaryCompareRobust");
        robust.selectedProperty().bindBidirectional(vm.compareRobustProperty());
        CheckBox clip = new CheckBox("Clip points to the input range");
        clip.setId("boundaryClip");
        clip.selectedProperty().bindBidirectional(vm.clipProperty());
        g.add(robust, 0, row++, 2, 1);
        g.add(clip, 0, row++, 2, 1);
        Button run = new Button("Compute plane");
        run.setId("runBoundaryButton");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        g.add(run, 0, row++, 2, 1);
        Label help = new Label("Colour: predicted class; brightness: confidence; dark cells: boundaries. "
                + "○ the image, × the adversarial example, dashed: the ε ball's slice. Hover a point to read it, "
                + "click to load it into the Attack view.");
        help.setWrapText(true);
        help.setMaxWidth(260);
        g.add(help, 0, row, 2, 1);
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        return scroll;
    }

    private VBox planes() {
        ImageView thumbnail = new ImageView();
        thumbnail.setId("boundaryThumbnail");
        thumbnail.setFitWidth(112);
        thumbnail.setFitHeight(112);
        thumbnail.setSmooth(false);
        vm.hoverImageProperty().addListener((o, a, img) -> thumbnail.setImage(img == null ? null : render(img)));
        Label readout = new Label();
        readout.setId("boundaryReadout");
        readout.textProperty().bind(vm.readoutProperty());
        readout.setMinWidth(200);
        VBox side = new VBox(8, thumbnail, readout);
        HBox top = new HBox(12, left, right, side);
        top.setPadding(new Insets(8));
        adversarialChart.setId("boundaryLinearityAdversarial");
        randomChart.setId("boundaryLinearityRandom");
        HBox charts = new HBox(8, adversarialChart, randomChart);
        HBox.setHgrow(adversarialChart, Priority.ALWAYS);
        HBox.setHgrow(randomChart, Priority.ALWAYS);
        adversarialChart.setPrefSize(420, 260);
        randomChart.setPrefSize(420, 260);
        VBox.setVgrow(charts, Priority.ALWAYS);
        Label running = new Label("computing…");
        running.visibleProperty().bind(vm.runningProperty());
        VBox box = new VBox(4, top, running, charts);
        box.setPadding(new Insets(4));
        return box;
    }

    private javafx.scene.image.Image render(Images img) {
        return ImageRenderer.render(img, 0, 0, 1);
    }

    private void showLinearity(LinearityResult r) {
        adversarialChart.setChart(r == null ? null : LinearityChart.create(r, true));
        randomChart.setChart(r == null ? null : LinearityChart.create(r, false));
    }

    private static Spinner<Double> doubleSpinner(String id, double min, double max, double step,
                                                 javafx.beans.property.ObjectProperty<Double> value, String tip) {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, value.get(), step);
        s.setValueFactory(f);
        f.valueProperty().bindBidirectional(value);
        s.setEditable(true);
        s.setPrefWidth(110);
        return FormControls.tip(id, s, tip);
    }

}
