from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_20560e1e48f144ef.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def data_dir() -> Path:
    return DATA


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip a test when the shared data it needs is not beside the checkout."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not available")
