from muni.cli import main

raise SystemExit(main())
