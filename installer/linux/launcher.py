"""Entry point of the frozen Linux bundle (PyInstaller runs a script, not a console_scripts entry).

``/opt/apps/org.counterapp.client/files/counter-app`` is the same ``counter_app.cli:main`` as the
``counter-app`` command of a checkout. The demo's hall server is started as
``sys.executable -m hall_server`` (cli.py): in a frozen bundle ``sys.executable`` is this program,
so ``-m hall_server ...`` is dispatched here.
"""

import sys

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "-m" and sys.argv[2] == "hall_server":
        from hall_server.cli import main as hall_main

        sys.argv = ["hall-server", *sys.argv[3:]]
        sys.exit(hall_main())
    from counter_app.cli import main

    sys.exit(main())
