from wagtail import hooks


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action("importers.run", "Import from an old site", "Imported (counts only)")
