"""The engine harness for tests; it lives in tools/tyg/engine/stage.py so that build.py can use it too."""

from tyg.engine.stage import (  # noqa: F401
    ROOT,
    RUNTIME_DIR,
    EngineRun,
    add_script,
    choice_words,
    path_testcase,
    run_engine,
    set_language,
    split_runs,
    stage_game,
)

__all__ = ["ROOT", "RUNTIME_DIR", "EngineRun", "add_script", "choice_words", "path_testcase", "run_engine", "set_language", "split_runs", "stage_game"]
