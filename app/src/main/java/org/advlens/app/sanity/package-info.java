/** The sanity-check view: do saliency maps change when the model's weights or labels are randomised? */
package org.advlens.app.sanity;
