"""Each addon's README.rst and static/description/index.html, from its
manifest and its readme/ fragments (DESCRIPTION, CONFIGURE, USAGE,
CONTRIBUTORS), the way the OCA lays them out: the fragments in Markdown
(converted with pandoc, through pypandoc), the README in reStructuredText,
the Apps page in HTML (docutils).

The OCA's own generator (``oca-gen-addon-readme``, OCA/maintainer-tools) is
not published on PyPI, the only registry this project installs from; this
script follows its layout with the same two public libraries. It is the
``gen-addon-readme`` pre-commit hook: ``make lint`` fails when a README.rst or
an index.html is not the one its fragments make.

    python scripts/gen_readme.py [ADDON_DIR ...]   (default: every addon)
"""

import ast
import sys
from pathlib import Path

import pypandoc
from docutils.core import publish_string

FRAGMENTS = (
    ("DESCRIPTION", None),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
)
LICENSES = {
    "LGPL-3": ("LGPL--3", "http://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
    "AGPL-3": ("AGPL--3", "http://www.gnu.org/licenses/agpl-3.0-standalone.html"),
}
HTML_SETTINGS = {
    "embed_stylesheet": False,
    "stylesheet_path": "",
    "output_encoding": "unicode",
    "doctitle_xform": True,
    "initial_header_level": 2,
    "_disable_config": True,
}


def rst_of(markdown):
    return pypandoc.convert_text(
        markdown, "rst", format="markdown-smart", extra_args=["--wrap=preserve"]
    ).strip()


def title(text, char="=", over=False):
    line = char * len(text)
    return f"{line}\n{text}\n{line}" if over else f"{text}\n{line}"


def readme_rst(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    badge, url = LICENSES[manifest["license"]]
    parts = [
        title(manifest["name"], over=True),
        "..\n   Written from the fragments in readme/ (DESCRIPTION, CONFIGURE, USAGE,\n"
        "   CONTRIBUTORS) by scripts/gen_readme.py; edit those, not this file.",
        f".. |badge1| image:: https://img.shields.io/badge/licence-{badge}-blue.png\n"
        f"    :target: {url}\n"
        f"    :alt: License: {manifest['license']}",
        "|badge1|",
    ]
    for name, heading in FRAGMENTS:
        fragment = addon / "readme" / f"{name}.md"
        if fragment.exists():
            if heading:
                parts.append(title(heading))
            parts.append(rst_of(fragment.read_text()))
    parts += [title("Credits"), title("Authors", "-")]
    parts += ["\n".join(f"* {a.strip()}" for a in manifest["author"].split(","))]
    contributors = addon / "readme" / "CONTRIBUTORS.md"
    if contributors.exists():
        parts += [title("Contributors", "-"), rst_of(contributors.read_text())]
    return "\n\n".join(parts) + "\n"


def index_html(rst):
    return publish_string(rst, writer_name="html5", settings_overrides=HTML_SETTINGS)


def write_if_changed(path, text):
    if path.exists() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"gen_readme: wrote {path}")
    return True


def main(paths):
    changed = False
    root = Path(__file__).resolve().parent.parent
    paths = paths or [m.parent for m in root.glob("*/__manifest__.py")]
    for addon in sorted({Path(p) for p in paths}):
        if not (addon / "__manifest__.py").exists():
            continue
        rst = readme_rst(addon)
        changed |= write_if_changed(addon / "README.rst", rst)
        changed |= write_if_changed(
            addon / "static" / "description" / "index.html", index_html(rst)
        )
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
