/** The main window: menus, tabs, drag and drop, status bar, theme and the scripted demo mode. */
package org.advlens.app.shell;
