"""The help messages' daily counts as a Wagtail report (a chart and a table, with CSV export)."""
