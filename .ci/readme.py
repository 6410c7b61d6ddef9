#!/usr/bin/env python
"""Make README.md from nbs/index.ipynb without Quarto: markdown cells as they are, visible code cells as
python blocks (nbdev directives removed, `#| hide` cells left out). `--check` fails if README.md differs."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent


def render(nb_path=root / 'nbs' / 'index.ipynb'):
    nb = json.loads(nb_path.read_text())
    out = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': out.append(src.strip()); continue
        lines = src.split('\n')
        directives = [l for l in lines if re.match(r'^#\s*\|', l)]
        if any(re.search(r'\b(hide|exporti?|default_exp)\b', d) for d in directives): continue
        code = '\n'.join(l for l in lines if not re.match(r'^#\s*\|', l)).strip()
        if code: out.append(f'```python\n{code}\n```')
    return '<!-- generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file -->\n\n' + '\n\n'.join(out) + '\n'


if __name__ == '__main__':
    text, readme = render(), root / 'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python .ci/readme.py`')
        print('README.md is up to date with nbs/index.ipynb')
    else:
        readme.write_text(text); print('wrote README.md')
