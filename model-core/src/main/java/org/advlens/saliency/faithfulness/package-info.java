/** How faithful and how robust saliency maps are: deletion, insertion, ROAD, faithfulness correlation, sensitivity. */
package org.advlens.saliency.faithfulness;
