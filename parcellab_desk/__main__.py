"""``python -m parcellab_desk`` and the ``parcellab-desk`` launcher."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from parcellab_desk.display_check import missing_display_reason


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--serve-demo-sandbox"] and len(arguments) == 2:
        # The console's demo sandbox, as its child process (sandbox/process.py).
        from parcellab_desk.sandbox.process import serve_for_parent

        return serve_for_parent(arguments[1])
    # Parse before Qt loads, so --help and --version work anywhere.
    from parcellab_desk.app_args import parse_args

    args = parse_args(argv)
    if args.self_test:  # headless: needs no display, so before the display check
        from parcellab_desk.self_test import run_self_test

        return run_self_test(args)
    # Before Qt loads: when a console already runs, it gets the link (or just comes to the
    # front) and this launch ends here, in milliseconds.
    from parcellab_desk.services.paths import AppPaths
    from parcellab_desk.single_instance import hand_over, server_name

    name = server_name(AppPaths.default().config)
    if hand_over(name, args.link):
        print(
            "The console is already running: it got the link."
            if args.link
            else "The console is already running: it came to the front."
        )
        return 0
    args.instance_name = name
    reason = missing_display_reason()
    if reason is not None:
        print(reason, file=sys.stderr)
        return 2
    # The window first: the start path shows it before the console is even imported.
    from parcellab_desk.start import start

    try:
        return start(args)
    except Exception as exc:  # the last net: one sentence, never a traceback
        if args.debug:
            raise
        import logging

        from parcellab_desk.services.error_messages import describe_error

        logging.getLogger("parcellab_desk").exception("The console could not start")
        print(
            f"parcellab-desk could not start: {describe_error(exc)} "
            "Run it with --debug to see the details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
