"""Use cases: what a user does to the library, one transaction each, shared by the CLI and the app."""
