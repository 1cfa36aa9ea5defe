"""axe-core (installed from npm into var/node by `make install-test`) run inside a page by the browser tests."""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parents[2] / "var/node/node_modules/axe-core/axe.min.js"


def serious_violations(page, where, *, also_rules=("target-size",)):
    """axe-core's serious and critical findings on the page, one line each; ``also_rules`` adds rules axe leaves
    out by default (target-size is one in axe 4.11). evaluate() is not subject to the site's CSP."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in also_rules}}
    results = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        f"[{where}] {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
