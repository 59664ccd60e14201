package org.advlens.model.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.hdf5.global.hdf5;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and closes the HDF5 objects (files, groups, datasets, named datatypes, attributes) still open in one file.
 * DL4J's Keras import can leave a group or an attribute open when it fails, and the HDF5 library keeps a file open
 * while any of its objects is, so the file's descriptor and, once deleted, its disk space stay until the process
 * exits.
 */
final class Hdf5OpenObjects {

    private static final Logger LOG = LoggerFactory.getLogger(Hdf5OpenObjects.class);

    private Hdf5OpenObjects() {
    }

    /**
     * How many HDF5 objects that belong to a file (files, groups, datasets, attributes, named datatypes) are open in
     * this process; the transient datatypes the HDF5 C++ library keeps for its predefined types are not counted.
     */
    static int countInFiles() {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            int open = 0;
            for (long id : openIds()) {
                if (fileName(id) != null) {
                    open++;
                }
            }
            return open;
        }
    }

    /**
     * Closes every HDF5 object still open in {@code file} and returns how many there were. Objects of other files
     * are left alone.
     */
    static int closeAll(Path file) {
        String name = file.toString();
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            long[] ids = openIds();
            int closed = 0;
            // objects first, then the file ids, so that closing a file id is not refused for its open objects
            for (boolean files : new boolean[] {false, true}) {
                for (long id : ids) {
                    if (hdf5.H5Iis_valid(id) > 0 && (hdf5.H5Iget_type(id) == hdf5.H5I_FILE) == files
                            && name.equals(fileName(id)) && close(id) >= 0) {
                        closed++;
                    }
                }
            }
            if (closed > 0) {
                LOG.debug("closed {} HDF5 object(s) left open in {}", closed, file);
            }
            return closed;
        }
    }

    /** The ids of every HDF5 object open in this process, in all files, transient datatypes included. */
    private static long[] openIds() {
        long count = hdf5.H5Fget_obj_count(hdf5.H5F_OBJ_ALL, hdf5.H5F_OBJ_ALL);
        if (count <= 0) {
            return new long[0];
        }
        long[] ids = new long[(int) Math.min(count, 1 << 20)];
        long listed = hdf5.H5Fget_obj_ids(hdf5.H5F_OBJ_ALL, hdf5.H5F_OBJ_ALL, ids.length, ids);
        return java.util.Arrays.copyOf(ids, (int) Math.max(0, Math.min(listed, ids.length)));
    }

    /** The name of the file that object {@code id} belongs to, or null. */
    private static String fileName(long id) {
        long length = hdf5.H5Fget_name(id, (byte[]) null, 0);
        if (length <= 0 || length > 1 << 16) {
            return null;
        }
        byte[] text = new byte[(int) length + 1];
        hdf5.H5Fget_name(id, text, text.length);
        return new String(text, 0, (int) length, StandardCharsets.UTF_8);
    }

    private static int close(long id) {
        int type = hdf5.H5Iget_type(id);
        if (type == hdf5.H5I_FILE) {
            return hdf5.H5Fclose(id);
        } else if (type == hdf5.H5I_GROUP) {
            return hdf5.H5Gclose(id);
        } else if (type == hdf5.H5I_DATASET) {
            return hdf5.H5Dclose(id);
        } else if (type == hdf5.H5I_DATATYPE) {
            return hdf5.H5Tclose(id);
        } else if (type == hdf5.H5I_ATTR) {
            return hdf5.H5Aclose(id);
        }
        return -1;
    }
}
