"""The main window: layout, menus, header, files, the library list and episode jobs."""
