"""The summary of an import run: created, updated and skipped by kind, with the reasons for skips."""

from collections import Counter, defaultdict

OUTCOMES = ("created", "updated", "skipped")
KINDS = ("page", "thread", "comment", "image", "redirect")
SKIPS_LISTED = 20  # reasons printed per run; the counts are always whole


class Report:
    def __init__(self, *, source, dry_run=False):
        self.source = source
        self.dry_run = dry_run
        self.counts = defaultdict(Counter)
        self.skips = []  # (kind, source id, reason)

    def created(self, kind, count=1):
        self.counts[kind]["created"] += count

    def updated(self, kind, count=1):
        self.counts[kind]["updated"] += count

    def skipped(self, kind, source_id, reason):
        self.counts[kind]["skipped"] += 1
        self.skips.append((kind, str(source_id), reason))

    def as_counts(self):
        """Counts only (never a name or an address): what the site history records."""
        return {kind: dict(self.counts[kind]) for kind in self.kinds()}

    def kinds(self):
        return [kind for kind in KINDS if kind in self.counts] + sorted(set(self.counts) - set(KINDS))

    def table(self):
        """The summary as printed at the end of a run."""
        title = f"Import from {self.source}" + (" (dry run: nothing was written)" if self.dry_run else "")
        lines = [title, f"{'':10}{'created':>10}{'updated':>10}{'skipped':>10}"]
        for kind in self.kinds():
            counts = self.counts[kind]
            lines.append(f"{kind + 's':10}" + "".join(f"{counts[outcome]:>10}" for outcome in OUTCOMES))
        if not self.counts:
            lines.append("nothing to import")
        if self.skips:
            lines.append("Skipped:")
            for kind, source_id, reason in self.skips[:SKIPS_LISTED]:
                lines.append(f"  {kind} {source_id}: {reason}")
            if len(self.skips) > SKIPS_LISTED:
                lines.append(f"  … and {len(self.skips) - SKIPS_LISTED} more")
        return "\n".join(lines)
