from podplayer.cli import main

raise SystemExit(main())
