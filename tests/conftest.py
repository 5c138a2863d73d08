import sys
from pathlib import Path

# Test helpers (seedgold, strategies) live beside the tests and are imported by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
