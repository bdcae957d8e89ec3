"""What a user does to the library, once for every front end: each use case is one transaction,
shared by the command line and the app, and raises errors in the domain's words."""
