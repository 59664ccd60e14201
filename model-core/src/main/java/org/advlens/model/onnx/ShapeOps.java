package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constants, shape arithmetic and layout ops: Constant, Identity, Dropout, Shape, Gather, Unsqueeze, Squeeze,
 * Concat, Slice, Cast, ConstantOfShape, Reshape, Flatten, Transpose and Pad. With known inputs they are folded at
 * import time; on image data they become SameDiff reshapes, permutes, concatenations, slices and pads that keep the
 * batch as the first dimension.
 */
final class ShapeOps {

    private ShapeOps() {
    }

    static void register(Map<String, OpTranslator> ops) {
        ops.put("Constant", ShapeOps::constant);
        ops.put("Identity", (n, c) -> c.alias(n));
        ops.put("Dropout", (n, c) -> c.alias(n));
        ops.put("Shape", ShapeOps::shape);
        ops.put("Gather", ShapeOps::gather);
        ops.put("Unsqueeze", ShapeOps::unsqueeze);
        ops.put("Squeeze", ShapeOps::squeeze);
        ops.put("Concat", ShapeOps::concat);
        ops.put("Slice", ShapeOps::slice);
        ops.put("Cast", ShapeOps::cast);
        ops.put("ConstantOfShape", ShapeOps::constantOfShape);
        ops.put("Reshape", ShapeOps::reshape);
        ops.put("Flatten", ShapeOps::flatten);
        ops.put("Transpose", ShapeOps::transpose);
        ops.put("Pad", ShapeOps::pad);
    }

    static int axis(OnnxNode node, long axis, int rank) throws OnnxImportException {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new OnnxImportException(node.describe() + ": axis " + axis + " is outside a rank-" + rank + " tensor");
        }
        return (int) a;
    }

    private static void constant(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        Map<String, OnnxAttribute> a = node.attributes();
        FoldedTensor t;
        if (a.containsKey("value")) {
            t = FoldedTensor.of(a.get("value").t());
        } else if (a.containsKey("value_float")) {
            t = FoldedTensor.scalar(a.get("value_float").f(), false);
        } else if (a.containsKey("value_int")) {
            t = FoldedTensor.scalar(a.get("value_int").i(), true);
        } else if (a.containsKey("value_ints")) {
            t = FoldedTensor.longs(a.get("value_ints").ints());
        } else if (a.containsKey("value_floats")) {
            float[] f = a.get("value_floats").floats();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            t = new FoldedTensor(new long[] {f.length}, d, false);
        } else {
            throw new OnnxImportException(node.describe() + ": only tensor, float and int constants are supported,"
                    + " got attributes " + a.keySet());
        }
        ctx.output(node, 0, t);
    }

    private static void shape(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        long[] s = v.shape();
        int rank = s.length;
        long start = node.intAttribute("start", 0);
        long end = node.intAttribute("end", rank);
        start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        end = Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        double[] d = new double[(int) Math.max(0, end - start)];
        for (int i = 0; i < d.length; i++) {
            int dim = (int) start + i;
            d[i] = !v.isFolded() && dim == 0 ? FoldedTensor.BATCH : s[dim];
        }
        ctx.output(node, 0, new FoldedTensor(new long[] {d.length}, d, true));
    }

    private static void gather(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        FoldedTensor data = ctx.folded(node, 0, "data (gathering from image data is not supported)");
        FoldedTensor indices = ctx.folded(node, 1, "indices");
        ctx.output(node, 0, data.gather(indices, axis(node, node.intAttribute("axis", 0), data.rank())));
    }

    /** Axes from input 1 (opset 13 on) or the {@code axes} attribute; {@code null} when neither is given. */
    private static long[] axesOf(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        if (ctx.hasInput(node, 1)) {
            return ctx.folded(node, 1, "axes").toLongs();
        }
        return node.intsAttribute("axes", null);
    }

    private static void unsqueeze(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        long[] axes = axesOf(node, ctx);
        if (axes == null) {
            throw new OnnxImportException(node.describe() + " has no axes");
        }
        int outRank = v.rank() + axes.length;
        boolean[] inserted = new boolean[outRank];
        for (long a : axes) {
            inserted[axis(node, a, outRank)] = true;
        }
        long[] out = new long[outRank];
        for (int i = 0, j = 0; i < outRank; i++) {
            out[i] = inserted[i] ? 1 : v.shape()[j++];
        }
        reshapeTo(node, ctx, v, out);
    }

    private static void squeeze(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        long[] shape = v.shape();
        long[] axes = axesOf(node, ctx);
        boolean[] removed = new boolean[shape.length];
        if (axes == null) {
            for (int i = 0; i < shape.length; i++) {
                removed[i] = shape[i] == 1;
            }
        } else {
            for (long a : axes) {
                int ax = axis(node, a, shape.length);
                if (shape[ax] != 1) {
                    throw new OnnxImportException(node.describe() + ": cannot squeeze axis " + a + " of shape "
                            + ImportContext.shapeText(shape));
                }
                removed[ax] = true;
            }
        }
        long[] out = new long[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!removed[i]) {
                out[n++] = shape[i];
            }
        }
        reshapeTo(node, ctx, v, Arrays.copyOf(out, n));
    }

    /** Reshapes to a fully known shape; for traced values the first dimension must stay the batch. */
    private static void reshapeTo(OnnxNode node, ImportContext ctx, ImportedValue v, long[] out)
            throws OnnxImportException {
        if (v.isFolded()) {
            ctx.output(node, 0, v.folded().withShape(out));
            return;
        }
        if (out.length == 0 || out[0] != -1) {
            throw new OnnxImportException(node.describe() + ": the result " + ImportContext.shapeText(out)
                    + " does not keep the batch as its first dimension");
        }
        ctx.output(node, 0, ctx.sd().reshape(v.variable(), out), out);
    }

    private static void concat(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        List<ImportedValue> parts = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            parts.add(ctx.input(node, i));
        }
        int rank = parts.get(0).rank();
        int axis = axis(node, node.intAttribute("axis", 0), rank);
        if (parts.stream().allMatch(ImportedValue::isFolded)) {
            ctx.output(node, 0, FoldedTensor.concat(parts.stream().map(ImportedValue::folded).toList(), axis));
            return;
        }
        if (parts.stream().anyMatch(ImportedValue::isFolded) || axis == 0) {
            throw new OnnxImportException(node.describe() + ": only image-data tensors along a non-batch axis can be"
                    + " concatenated, got " + parts + " along axis " + axis);
        }
        long[] out = parts.get(0).shape();
        out[axis] = parts.stream().mapToLong(p -> p.shape()[axis]).sum();
        SDVariable[] vars = parts.stream().map(ImportedValue::variable).toArray(SDVariable[]::new);
        ctx.output(node, 0, ctx.sd().concat(axis, vars), out);
    }

    private static void slice(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        long[] starts;
        long[] ends;
        long[] axesIn;
        long[] steps;
        if (ctx.opset() >= 10 || ctx.hasInput(node, 1)) {
            starts = ctx.folded(node, 1, "starts").toLongs();
            ends = ctx.folded(node, 2, "ends").toLongs();
            axesIn = ctx.hasInput(node, 3) ? ctx.folded(node, 3, "axes").toLongs() : null;
            steps = ctx.hasInput(node, 4) ? ctx.folded(node, 4, "steps").toLongs() : null;
        } else {
            starts = node.intsAttribute("starts", new long[0]);
            ends = node.intsAttribute("ends", new long[0]);
            axesIn = node.intsAttribute("axes", null);
            steps = null;
        }
        int[] axes = new int[starts.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axis(node, axesIn == null ? i : axesIn[i], v.rank());
        }
        if (steps == null) {
            steps = new long[starts.length];
            Arrays.fill(steps, 1);
        }
        if (v.isFolded()) {
            ctx.output(node, 0, v.folded().slice(starts, ends, axes, steps));
            return;
        }
        long[] shape = v.shape();
        int rank = shape.length;
        long[] begin = new long[rank];
        long[] end = shape.clone();
        long[] stride = new long[rank];
        Arrays.fill(stride, 1);
        long[] out = shape.clone();
        for (int j = 0; j < axes.length; j++) {
            int a = axes[j];
            if (a == 0 || steps[j] <= 0) {
                throw new OnnxImportException(node.describe() + ": slicing image data along the batch or with a"
                        + " non-positive step is not supported");
            }
            long dim = shape[a];
            long st = Math.max(0, Math.min(dim, starts[j] < 0 ? starts[j] + dim : starts[j]));
            long en = Math.max(0, Math.min(dim, ends[j] < 0 ? ends[j] + dim : ends[j]));
            begin[a] = st;
            end[a] = Math.max(st, en);
            stride[a] = steps[j];
            out[a] = (end[a] - st + steps[j] - 1) / steps[j];
        }
        end[0] = 0;
        // Bit 0 of the begin and end masks: take the whole batch dimension.
        ctx.output(node, 0, ctx.sd().stridedSlice(v.variable(), begin, end, stride, 1, 1, 0, 0, 0), out);
    }

    private static void cast(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        int to = (int) node.intAttribute("to", OnnxTensor.FLOAT);
        boolean floating = to == OnnxTensor.FLOAT || to == OnnxTensor.DOUBLE || to == OnnxTensor.FLOAT16;
        if (!v.isFolded()) {
            if (!floating) {
                throw new OnnxImportException(node.describe() + ": casting image data to "
                        + OnnxTensor.typeName(to) + " is not supported");
            }
            ctx.alias(node);
            return;
        }
        FoldedTensor t = v.folded();
        double[] d = t.data();
        if (!floating) {
            for (int i = 0; i < d.length; i++) {
                d[i] = to == OnnxTensor.BOOL ? (d[i] != 0 ? 1 : 0) : d[i] == FoldedTensor.BATCH ? d[i] : (long) d[i];
            }
        }
        ctx.output(node, 0, new FoldedTensor(t.shape(), d, !floating));
    }

    private static void constantOfShape(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        FoldedTensor shape = ctx.folded(node, 0, "shape");
        if (shape.containsBatch()) {
            throw new OnnxImportException(node.describe() + ": a constant whose shape depends on the batch size is"
                    + " not supported");
        }
        OnnxAttribute value = node.attributes().get("value");
        double fill = 0;
        boolean integer = false;
        if (value != null) {
            fill = value.t().toDoubles()[0];
            integer = !value.t().isFloating();
        }
        long[] dims = shape.toLongs();
        double[] d = new double[(int) FoldedTensor.count(dims)];
        Arrays.fill(d, fill);
        ctx.output(node, 0, new FoldedTensor(dims, d, integer));
    }

    private static void reshape(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        long[] target = ctx.hasInput(node, 1) ? ctx.folded(node, 1, "shape").toLongs()
                : node.intsAttribute("shape", null);
        if (target == null) {
            throw new OnnxImportException(node.describe() + " has no target shape");
        }
        if (v.isFolded()) {
            if (containsBatch(target)) {
                throw new OnnxImportException(node.describe() + ": reshaping a constant to a batch-sized shape is not"
                        + " supported");
            }
            ctx.output(node, 0, v.folded().reshape(target));
            return;
        }
        long[] out = resolveTarget(node, v, target);
        ctx.output(node, 0, ctx.sd().reshape(v.variable(), out), out);
    }

    private static boolean containsBatch(long[] values) {
        for (long x : values) {
            if (x == (long) FoldedTensor.BATCH) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves an ONNX reshape target for image data to {@code [-1, d1, ...]}: 0 copies the input dimension, the
     * batch marker or a leading -1 stands for the batch, and one other -1 is inferred from the per-example size.
     * A leading fixed number (an export traced with a fixed batch) is taken as the batch when the remaining
     * dimensions hold exactly one example.
     */
    static long[] resolveTarget(OnnxNode node, ImportedValue v, long[] target) throws OnnxImportException {
        long[] in = v.shape();
        long[] t = target.clone();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == 0 && node.intAttribute("allowzero", 0) == 0) {
                t[i] = i == 0 ? (long) FoldedTensor.BATCH : in[i];
            }
        }
        String problem = "cannot reshape " + ImportContext.shapeText(in) + " to " + Arrays.toString(target)
                + " keeping the batch as the first dimension";
        for (int i = 1; i < t.length; i++) {
            if (t[i] == (long) FoldedTensor.BATCH) {
                throw new OnnxImportException(node.describe() + ": " + problem);
            }
        }
        if (t.length == 0) {
            throw new OnnxImportException(node.describe() + ": " + problem);
        }
        long known = 1;
        int infer = -1;
        for (int i = 1; i < t.length; i++) {
            if (t[i] == -1) {
                if (infer >= 0) {
                    throw new OnnxImportException(node.describe() + ": " + problem);
                }
                infer = i;
            } else {
                known *= t[i];
            }
        }
        long perExample = v.perExample();
        if (infer >= 0) {
            if (t[0] == -1 || known == 0 || perExample % known != 0) {
                throw new OnnxImportException(node.describe() + ": " + problem);
            }
            t[infer] = perExample / known;
            known = perExample;
        }
        boolean leadingBatch = t[0] == (long) FoldedTensor.BATCH || t[0] == -1 || t[0] > 0;
        if (!leadingBatch || known != perExample) {
            throw new OnnxImportException(node.describe() + ": " + problem);
        }
        t[0] = -1;
        return t;
    }

    private static void flatten(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        int axis = (int) node.intAttribute("axis", 1);
        axis = axis < 0 ? axis + v.rank() : axis;
        if (v.isFolded()) {
            long[] s = v.shape();
            long outer = 1;
            for (int i = 0; i < axis; i++) {
                outer *= s[i];
            }
            ctx.output(node, 0, v.folded().withShape(new long[] {outer, v.folded().size() / Math.max(1, outer)}));
            return;
        }
        if (axis != 1) {
            throw new OnnxImportException(node.describe() + ": flattening image data at axis " + axis
                    + " is not supported (only axis 1, which keeps the batch)");
        }
        long[] out = {-1, v.perExample()};
        ctx.output(node, 0, ctx.sd().reshape(v.variable(), out), out);
    }

    private static void transpose(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.input(node, 0);
        int rank = v.rank();
        long[] permAttr = node.intsAttribute("perm", null);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = permAttr == null ? rank - 1 - i : axis(node, permAttr[i], rank);
        }
        if (v.isFolded()) {
            ctx.output(node, 0, v.folded().transpose(perm));
            return;
        }
        if (perm[0] != 0) {
            throw new OnnxImportException(node.describe() + ": permutation " + Arrays.toString(perm)
                    + " moves the batch dimension");
        }
        long[] in = v.shape();
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = in[perm[i]];
        }
        ctx.output(node, 0, ctx.sd().permute(v.variable(), perm), out);
    }

    private static void pad(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue v = ctx.traced(node, 0);
        long[] pads;
        double value;
        if (ctx.opset() >= 11) {
            pads = ctx.folded(node, 1, "pads").toLongs();
            value = ctx.hasInput(node, 2) ? ctx.folded(node, 2, "constant value").get(0) : 0;
            if (ctx.hasInput(node, 3)) {
                throw new OnnxImportException(node.describe() + ": the axes input is not supported");
            }
        } else {
            pads = node.intsAttribute("pads", null);
            value = node.floatAttribute("value", 0f);
        }
        int rank = v.rank();
        if (pads == null || pads.length != 2 * rank) {
            throw new OnnxImportException(node.describe() + ": needs " + 2 * rank + " pads, got "
                    + Arrays.toString(pads));
        }
        String mode = node.stringAttribute("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("edge")) {
            throw new OnnxImportException(node.describe() + ": pad mode '" + mode + "' is not supported (constant,"
                    + " reflect and edge are)");
        }
        int[][] padding = new int[rank][2];
        long[] out = v.shape();
        for (int i = 0; i < rank; i++) {
            long before = pads[i];
            long after = pads[i + rank];
            if (before < 0 || after < 0 || (i == 0 && (before != 0 || after != 0))) {
                throw new OnnxImportException(node.describe() + ": pads " + Arrays.toString(pads) + " are not"
                        + " supported (negative, or padding the batch)");
            }
            padding[i][0] = (int) before;
            padding[i][1] = (int) after;
            if (i > 0) {
                out[i] += before + after;
            }
        }
        if (mode.equals("constant")) {
            SDVariable p = ctx.sd().constant(Nd4j.createFromArray(padding));
            ctx.output(node, 0, ctx.sd().nn().pad(v.variable(), p, PadMode.CONSTANT, value), out);
            return;
        }
        SDVariable y = v.variable();
        long[] shape = v.shape();
        for (int axis = 1; axis < rank; axis++) {
            if (padding[axis][0] == 0 && padding[axis][1] == 0) {
                continue;
            }
            int n = (int) shape[axis];
            if (mode.equals("reflect") && (padding[axis][0] >= n || padding[axis][1] >= n)) {
                throw new OnnxImportException(node.describe() + ": reflect padding " + Arrays.toString(pads)
                        + " is larger than the input " + ImportContext.shapeText(v.shape()));
            }
            int[] index = new int[padding[axis][0] + n + padding[axis][1]];
            for (int j = 0; j < index.length; j++) {
                int i = j - padding[axis][0];
                index[j] = mode.equals("edge") ? Math.max(0, Math.min(n - 1, i))
                        : i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
            }
            y = selectAlong(ctx, y, shape, axis, index);
            shape[axis] = index.length;
        }
        ctx.output(node, 0, y, out);
    }

    /**
     * {@code y[..., j, ...] = x[..., index[j], ...]} along {@code axis}, as a product with a constant 0/1 matrix:
     * SameDiff's own reflect padding and repeated gathers have wrong or failing gradients (1.0.0-M2.1).
     */
    private static SDVariable selectAlong(ImportContext ctx, SDVariable x, long[] shape, int axis, int[] index) {
        int rank = shape.length;
        int[] toLast = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) {
            if (i != axis) {
                toLast[k++] = i;
            }
        }
        toLast[rank - 1] = axis;
        int[] back = new int[rank];
        for (int i = 0; i < rank; i++) {
            back[toLast[i]] = i;
        }
        long n = shape[axis];
        double[] select = new double[(int) n * index.length];
        for (int j = 0; j < index.length; j++) {
            select[index[j] * index.length + j] = 1;
        }
        SDVariable s = ctx.sd().constant(Nd4j.create(select, new long[] {n, index.length}, 'c')
                .castTo(ctx.dataType()));
        long[] moved = new long[rank];
        for (int i = 0; i < rank; i++) {
            moved[i] = shape[toLast[i]];
        }
        moved[0] = -1;
        moved[rank - 1] = index.length;
        SDVariable flat = ctx.sd().reshape(ctx.sd().permute(x, toLast), -1, n);
        return ctx.sd().permute(ctx.sd().reshape(ctx.sd().mmul(flat, s), moved), back);
    }

    /** Pads the spatial dimensions of an NCHW tensor: {@code [top, left, bottom, right]}. */
    static SDVariable padSpatial(ImportContext ctx, SDVariable x, long[] tlbr, double value) {
        int[][] padding = {{0, 0}, {0, 0}, {(int) tlbr[0], (int) tlbr[2]}, {(int) tlbr[1], (int) tlbr[3]}};
        return ctx.sd().nn().pad(x, ctx.sd().constant(Nd4j.createFromArray(padding)), PadMode.CONSTANT, value);
    }
}
