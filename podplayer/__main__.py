from podplayer.cli import main

# Guarded: alignment workers are spawned processes, which import the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
