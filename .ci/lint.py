"""Lint the generated library with the repository's rules (.ci/ruff.toml); exit 1 and list the offences if any.

The one exception: the first line of the `__all__` that nbdev writes after `# %% auto #0` (see ruff.toml)."""
import json, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
res = subprocess.run([sys.executable, '-m', 'ruff', 'check', '--config', str(root / '.ci' / 'ruff.toml'),
                      '--output-format', 'json', '--exit-zero', str(root / 'pruneviz')],
                     capture_output=True, text=True, check=True)

def generated_all(path: str, line: int) -> bool:
    "Is `line` of `path` the first line of nbdev's generated `__all__`?"
    lines = Path(path).read_text().splitlines()
    return lines[line - 1].startswith('__all__ = [') and line >= 2 and lines[line - 2] == '# %% auto #0'

bad = [e for e in json.loads(res.stdout)
       if not (e['code'] == 'E501' and generated_all(e['filename'], e['location']['row']))]
for e in bad:
    print(f"{Path(e['filename']).relative_to(root)}:{e['location']['row']}: {e['code']} {e['message']}")
print(f'lint: {len(bad)} offence(s) against .ci/ruff.toml')
sys.exit(1 if bad else 0)
