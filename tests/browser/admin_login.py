"""Logging in to Wagtail's admin as a person does, through its login form."""


def log_in(page, base_url, username, password):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
