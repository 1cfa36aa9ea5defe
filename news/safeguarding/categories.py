"""What the check looks for. The categories are fixed (code decides what happens to each); their patterns and
help messages are the campaign's to edit (``SafeguardingRule``)."""

from django.db import models


class Category(models.TextChoices):
    """A comment in one of these is never published: it becomes a case for the safeguarding leads."""

    CHILD_DISCLOSURE = "child_disclosure", "A child or young person disclosing abuse, grooming or exploitation"
    SELF_HARM = "self_harm", "Risk of self-harm or suicide"
    SEXUAL_INTEREST = "sexual_interest", "Someone disclosing a sexual interest in children or fear they may offend"
    ADULT_SURVIVOR = "adult_survivor", "An adult disclosing abuse they suffered"
    IDENTIFYING = "identifying", "Identifying a child, a victim of a sexual offence or a person accused"
    ABUSE_MATERIAL = "abuse_material", "Asking for or pointing to abuse material"


# Checked in this order: the first category that matches is the case's (the most urgent for the writer first).
ORDER = [
    Category.CHILD_DISCLOSURE,
    Category.SELF_HARM,
    Category.ABUSE_MATERIAL,
    Category.SEXUAL_INTEREST,
    Category.ADULT_SURVIVOR,
    Category.IDENTIFYING,
]

# The personal-data guard: not a case, a warning to the writer and, if they send anyway, a hold.
PERSONAL_DETAILS = "personal_details"
