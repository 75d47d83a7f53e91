"""A tiny GTK window that offers one file or folder for drag-and-drop (XDND),
so the e2e suite can drop an export onto the app the way a file manager does.
Run with the system Python (python3-gi): /usr/bin/python3 dragsource.py PATH."""

import sys
import gi
gi.require_version("Gtk", "3.0")
from gi.repository import Gtk, Gdk

uri = "file://" + sys.argv[1]
win = Gtk.Window(title="dragsource")
win.move(0, 0)
win.set_default_size(160, 80)
btn = Gtk.Button(label="drag me")
btn.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
btn.drag_source_add_uri_targets()
def get(widget, ctx, data, info, time):
    data.set_uris([uri])
btn.connect("drag-data-get", get)
win.add(btn)
win.connect("destroy", Gtk.main_quit)
win.show_all()
print("ready", flush=True)
Gtk.main()
