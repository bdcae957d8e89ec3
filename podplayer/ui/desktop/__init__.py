"""The app on the desktop beyond its window: its own D-Bus interface, notifications, link handling."""
