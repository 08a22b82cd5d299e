"""One measurement in its own process: ``python -m benchmarks.worker KIND 'JSON-ARGS'``.

Prints the result as one ``BENCH-RESULT {json}`` line (other output is ignored), with
``ru_maxrss`` of this process and of its largest child in bytes.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
from pathlib import Path
from typing import Any

from benchmarks.procs import MARK


def _measure(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    root = Path(args.get("root", "."))
    if kind == "readers":
        from benchmarks.readers import run_readers

        return run_readers(root, args["repeat"], args["sample"])
    if kind == "stages":
        from benchmarks.stages import run_stages

        return run_stages(root, args["workers"], args["sample"], args["compare"])
    if kind == "core":
        from benchmarks.runs import run_core

        return run_core(Path(args["inputs"]), Path(args["outputs"]))
    if kind == "validate":
        from benchmarks.validate_one import check_in_process

        return check_in_process(Path(args["path"]), args["repeat"])
    raise SystemExit(f"unknown measurement {kind}")


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    kind, args = sys.argv[1], json.loads(sys.argv[2])
    result = _measure(kind, args)
    # Linux reports ru_maxrss in KiB.
    result["memory"] = {
        "self_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "children_maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }
    print(MARK + json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main()
