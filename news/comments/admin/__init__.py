"""The moderator's desk in Wagtail's admin: the queue, the comment in context, commenters' standing, panels."""
