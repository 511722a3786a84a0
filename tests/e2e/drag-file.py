#!/usr/bin/python3
"""Drags a file onto a point of the screen the way a librarian would.

A small GTK window offers the file (text/uri-list, like a file manager),
and the X pointer is moved with xdotool (XTEST: real input events) from the
window to the target point and released there. So the target application
gets a genuine XDND drop, through its toolkit's native drop handling.

Usage: drag-file.py FILE TARGET_X TARGET_Y
Exits 0 when the drop was accepted, 1 when it was not, 2 on a timeout.
"""

import subprocess
import sys
import threading
import time
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

path, target_x, target_y = Path(sys.argv[1]).resolve(), int(sys.argv[2]), int(sys.argv[3])
outcome = {"code": 2}


def xdotool(*args):
    subprocess.run(["xdotool", *map(str, args)], check=True)


def glide(x0, y0, x1, y1, steps=25):
    for i in range(1, steps + 1):
        xdotool("mousemove", x0 + (x1 - x0) * i // steps, y0 + (y1 - y0) * i // steps)
        time.sleep(0.04)


def drag(start_x, start_y):
    xdotool("mousemove", start_x, start_y)
    time.sleep(0.3)
    xdotool("mousedown", 1)
    time.sleep(0.2)
    # Past GTK's drag threshold first, then across the screen; wait over the
    # target so it sees the drag (XdndPosition) before the drop.
    glide(start_x, start_y, start_x + 30, start_y + 30, steps=6)
    glide(start_x + 30, start_y + 30, target_x, target_y)
    time.sleep(0.8)
    xdotool("mousemove", target_x + 2, target_y + 2)
    time.sleep(0.8)
    xdotool("mouseup", 1)


window = Gtk.Window(title="drag source")
window.move(10, 10)
window.set_default_size(160, 80)
source = Gtk.Button(label=path.name)
window.add(source)
source.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
source.drag_source_add_uri_targets()
source.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris([path.as_uri()]))


def drag_ended(_widget, context):
    outcome["code"] = 0 if context.get_selected_action() else 1
    GLib.timeout_add(300, Gtk.main_quit)


source.connect("drag-end", drag_ended)


def start():
    # The button's middle, in screen coordinates.
    origin = source.get_window().get_origin()
    allocation = source.get_allocation()
    x = origin.x + allocation.x + allocation.width // 2
    y = origin.y + allocation.y + allocation.height // 2
    threading.Thread(target=drag, args=(x, y), daemon=True).start()
    return False


window.connect("map-event", lambda *_: GLib.timeout_add(500, start) and False)
GLib.timeout_add_seconds(30, Gtk.main_quit)
window.show_all()
Gtk.main()
sys.exit(outcome["code"])
