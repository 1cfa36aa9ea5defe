"""Demo content for a fresh newsroom: texts, page specs and locally generated images.

Used by the ``load_demo_content`` management command. Everything here is plain
data plus a deterministic image generator, so the command can decide what
already exists and what to create. All organisations, figures and roles in the
texts are fictional; no quote is attributed to a real, named person.
"""

import random
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

IMAGE_SIZE = (1600, 900)
IMAGE_CREDIT = "Illustration: Campaign newsroom"
GET_HELP_URL = "https://example.org/get-help"
HELPLINE_NUMBER = "0800 000 0000"
SITE_NAME = "Campaign newsroom"


# --- References resolved by the command once the objects exist ----------------------------------


@dataclass(frozen=True)
class ImageRef:
    """Points at a demo image by key, because images are created before pages."""

    key: str


@dataclass(frozen=True)
class HelpMessageRef:
    """Points at a help message snippet by name."""

    name: str


@dataclass(frozen=True)
class PageRef:
    """Points at a demo page by slug, for links between pages created in the same run."""

    slug: str


def paragraph(html):
    """A rich text paragraph block; the HTML must already be valid rich text."""
    return ("paragraph", f"<p>{html}</p>")


def heading(text, *, level="h2"):
    return ("heading", {"text": text, "level": level})


def pull_quote(quote, *, attribution):
    return ("pull_quote", {"quote": quote, "attribution": attribution})


def image_block(key, *, alt_text, caption="", credit=IMAGE_CREDIT):
    return ("image", {"image": ImageRef(key), "alt_text": alt_text, "caption": caption, "credit": credit})


def help_message_block(name):
    return ("help_message", {"message": HelpMessageRef(name)})


def call_to_action(label, *, kind, url="", page=None):
    """A button; give either a URL or a PageRef, as the block's validation requires."""
    return ("call_to_action", {"label": label, "kind": kind, "page": page, "url": url})


# --- Images ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoImage:
    """An abstract illustration: a diagonal gradient with soft shapes, fixed by its seed."""

    key: str
    title: str
    seed: int
    start: tuple
    end: tuple
    accent: tuple

    @property
    def filename(self):
        return f"demo-{self.key}.png"

    @property
    def alt_text(self):
        return "Abstract illustration: " + self.title.removeprefix("Demo: ")


def render_png(*, seed, start, end, accent, size=IMAGE_SIZE):
    """Draw the image in memory and return PNG bytes; the same arguments give the same bytes."""
    width, height = size
    rng = random.Random(seed)  # noqa: S311 - seeded for repeatable pictures, not for security
    ramp = Image.linear_gradient("L")
    vertical = ramp.resize(size)
    horizontal = ramp.rotate(90).resize(size)
    mask = ImageChops.add(vertical, horizontal, scale=2.0)
    base = ImageOps.colorize(mask, black=start, white=end).convert("RGBA")

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(7):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        alpha = rng.randint(40, 110)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*accent, alpha))
    for _ in range(3):
        x, y = rng.randint(0, width), rng.randint(0, height)
        w, h = rng.randint(width // 6, width // 3), rng.randint(height // 10, height // 5)
        draw.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=(255, 255, 255, rng.randint(25, 60)))
    overlay = overlay.filter(ImageFilter.GaussianBlur(radius=18))

    buffer = BytesIO()
    Image.alpha_composite(base, overlay).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


IMAGES = [
    DemoImage("home-hero", "Demo: deep blue and teal", 101, (18, 36, 74), (40, 130, 150), (240, 214, 150)),
    DemoImage("campaign-prevention", "Demo: teal and gold", 102, (16, 82, 86), (120, 170, 150), (245, 196, 80)),
    DemoImage("campaign-platforms", "Demo: violet and coral", 103, (60, 34, 100), (150, 90, 160), (250, 130, 110)),
    DemoImage("article-police", "Demo: navy and slate", 104, (20, 30, 60), (96, 112, 140), (180, 200, 230)),
    DemoImage("article-reporting", "Demo: plum and sand", 105, (80, 30, 70), (200, 170, 140), (250, 230, 190)),
    DemoImage("article-platforms", "Demo: indigo and cyan", 106, (34, 30, 110), (40, 160, 200), (170, 240, 250)),
    DemoImage("article-helpline", "Demo: forest green and mint", 107, (20, 70, 40), (120, 200, 160), (230, 250, 220)),
    DemoImage("article-pilot", "Demo: charcoal and amber", 108, (40, 40, 44), (120, 100, 80), (250, 170, 40)),
    DemoImage("article-schools", "Demo: ochre and sky", 109, (170, 120, 30), (120, 180, 230), (255, 250, 220)),
    DemoImage("article-funding", "Demo: burgundy and rose", 110, (90, 20, 40), (210, 130, 150), (250, 220, 230)),
    DemoImage("body-newsroom", "Demo: grey and lime", 111, (70, 74, 80), (170, 176, 170), (190, 230, 80)),
]


# --- Help messages (snippets) ---------------------------------------------------------------------

DEFAULT_HELP_MESSAGE = "Default: worried about your thoughts"
ONLINE_HELP_MESSAGE = "Online viewing: stop and get help"

HELP_MESSAGES = [
    {
        "name": DEFAULT_HELP_MESSAGE,
        "heading": "Worried about your own thoughts or behaviour?",
        "message": (
            "If you are worried about sexual thoughts you have about children, you can get help before anyone "
            "is harmed. Trained advisers offer confidential, non-judgemental support by phone, chat and email. "
            "You do not have to give your name."
        ),
        "link_url": GET_HELP_URL,
        "link_text": "Get confidential help",
        "phone_number": HELPLINE_NUMBER,
    },
    {
        "name": ONLINE_HELP_MESSAGE,
        "heading": "Worried about what you are looking at online?",
        "message": (
            "If you have looked at sexual images of children, or are worried that you might, stop now and get "
            "help. Looking at these images is illegal and harms real children. Confidential support can help you "
            "change your behaviour, and talking to an adviser is free and anonymous."
        ),
        "link_url": GET_HELP_URL,
        "link_text": "Talk to someone in confidence",
        "phone_number": HELPLINE_NUMBER,
    },
]

CHILDREN_HELP_MESSAGE = "Safeguarding: for children and young people"
CRISIS_HELP_MESSAGE = "Safeguarding: in crisis"
SURVIVORS_HELP_MESSAGE = "Safeguarding: for adult survivors"

HELP_MESSAGES += [
    {
        "name": CHILDREN_HELP_MESSAGE,
        "heading": "You are not in trouble, and you are not alone",
        "message": (
            "If someone online is asking you for pictures, to keep secrets or to meet, it is not your fault. "
            "A children's helpline is free, private and open every day: you can talk, chat or e-mail. "
            "If you are in danger now, call 999."
        ),
        "link_url": "https://example.org/children",
        "link_text": "Talk to someone now",
        "phone_number": "0800 111 1111",
    },
    {
        "name": CRISIS_HELP_MESSAGE,
        "heading": "If you are thinking about hurting yourself",
        "message": (
            "You do not have to go through this alone. A crisis line is free and open day and night, and you can "
            "stay anonymous. If your life is in danger, call 999."
        ),
        "link_url": "https://example.org/crisis",
        "link_text": "Get support now",
        "phone_number": "116 123",
    },
    {
        "name": SURVIVORS_HELP_MESSAGE,
        "heading": "What happened to you was not your fault",
        "message": (
            "Support for adults who were abused as children is free and confidential, whenever you are ready. "
            "You can also report what happened, at any time, however long ago."
        ),
        "link_url": "https://example.org/survivors",
        "link_text": "Find support",
        "phone_number": "",
    },
]

# The help each safeguarding category's writers see (news.safeguarding.categories), and the search deterrence.
SAFEGUARDING_HELP = {
    "child_disclosure": CHILDREN_HELP_MESSAGE,
    "identifying": CHILDREN_HELP_MESSAGE,
    "self_harm": CRISIS_HELP_MESSAGE,
    "sexual_interest": DEFAULT_HELP_MESSAGE,
    "abuse_material": ONLINE_HELP_MESSAGE,
    "adult_survivor": SURVIVORS_HELP_MESSAGE,
}
SEARCH_HELP_MESSAGE = ONLINE_HELP_MESSAGE

# --- Site structure -------------------------------------------------------------------------------

HOME_PAGE = {
    "title": "Home",
    "hero_heading": "Reporting and campaigning to protect children from sexual abuse",
    "hero_intro": (
        "News and campaigns on preventing child sexual abuse, online and offline: holding institutions to "
        "account, and pointing anyone at risk of offending towards confidential help."
    ),
    "hero_image": ImageRef("home-hero"),
    "help_message": HelpMessageRef(DEFAULT_HELP_MESSAGE),
}
FEATURED_CAMPAIGNS = ["stop-it-before-it-starts", "safer-platforms-sooner"]

NEWS_INDEX = {
    "title": "News",
    "slug": "news",
    "show_in_menus": True,
    "intro": "Reporting on policing, policy, online safety and the prevention of child sexual abuse.",
}

CAMPAIGN_INDEX = {
    "title": "Campaigns",
    "slug": "campaigns",
    "show_in_menus": True,
    "intro": "What we are campaigning for, what we have achieved, and how you can help.",
}

ABOUT_PAGE = {
    "title": "About",
    "slug": "about",
    "show_in_menus": True,
    "intro": "Campaign newsroom reports on child protection and campaigns for changes that keep children safe.",
    "body": [
        heading("Who we are"),
        paragraph(
            "We are a small, independent team of reporters and campaigners. We follow the work of police, "
            "courts, regulators, technology companies and government on child sexual abuse, and we explain what "
            "it means in plain language."
        ),
        paragraph(
            "We believe that protecting children needs two things at once: offenders must be caught and held to "
            "account, and far more must be done to stop abuse before it happens."
        ),
        heading("How we report"),
        paragraph(
            "We never publish graphic detail, and we never identify victims or survivors. We use the terms "
            "<i>child sexual abuse material</i> or <i>indecent images of children</i>, because every image "
            "records the abuse of a real child. Our illustrations are abstract; we do not use photographs of "
            "children to illustrate stories about abuse."
        ),
        paragraph(
            "Where we summarise reporting from other outlets, we say so and link to the original. Corrections are "
            "made openly and noted at the foot of the article."
        ),
        heading("Getting help"),
        paragraph(
            "If you are worried about a child, contact the police or your local children's services. If you are "
            f'worried about your own thoughts or behaviour, <a href="{GET_HELP_URL}">confidential help is '
            f"available</a>, or call {HELPLINE_NUMBER}."
        ),
    ],
}

PRIVACY_PAGE = {
    "title": "Privacy policy",
    "slug": "privacy-policy",
    "show_in_menus": False,
    "intro": "What we collect when you read and comment on this site, why we keep it, and how to ask us about it.",
    "body": [
        heading("Reading the site"),
        paragraph(
            "You can read everything on this site without an account. Our web servers keep standard technical "
            "logs, such as the pages requested and the time of the request, to keep the site running and secure."
        ),
        heading("When you comment"),
        paragraph(
            "To post a comment you give us a name, your e-mail address and the comment itself. Your name and "
            "comment are shown publicly next to the article. <b>Your e-mail address is kept private and is never "
            "shown publicly.</b>"
        ),
        paragraph("We use your e-mail address only:"),
        (
            "paragraph",
            (
                "<ul><li>so that our moderators can contact you about a comment you posted, for example if it "
                "has been held for review or removed;</li>"
                "<li>to send the notifications you ask for, such as an e-mail when someone replies to your "
                "comment. You can switch these off at any time using the link in each notification.</li></ul>"
            ),
        ),
        paragraph(
            "We do not use your e-mail address for marketing, we do not add it to any mailing list, and we do not "
            "sell or share it with anyone else."
        ),
        heading("IP addresses"),
        paragraph(
            "When you post a comment we record the IP address it was sent from. We use it only to deal with abuse, "
            "such as spam, threats or repeated attempts to post unlawful content, and we keep it for a limited "
            "period before deleting it. We may pass it to the police if a comment suggests a child is at risk."
        ),
        heading("Your rights"),
        paragraph(
            "You can ask for a copy of the personal data we hold about you (an export), or ask us to erase it, "
            "including your comments. E-mail "
            '<a href="mailto:privacy@example.org">privacy@example.org</a> from the address you used to comment, '
            "tell us which comments are yours, and we will reply within one month. If you are not happy with our "
            "answer, you can complain to the data protection regulator."
        ),
    ],
}


# --- Campaigns ------------------------------------------------------------------------------------

CAMPAIGNS = [
    {
        "title": "Stop it before it starts",
        "slug": "stop-it-before-it-starts",
        "status": "active",
        "end_date_days_from_today": None,
        "summary": (
            "Everyone who views child sexual abuse material should face consequences, and far more should be done "
            "to stop people offending in the first place. We are campaigning for prosecution and prevention, "
            "side by side."
        ),
        "hero_image": ImageRef("campaign-prevention"),
        "aims": [
            (
                "Every person identified as viewing abuse material is contacted by the police, whatever route their "
                "case then takes."
            ),
            (
                "Clear warning messages, with a route to confidential help, wherever people search for abuse "
                "material online."
            ),
            "Multi-year national funding for confidential help services for people worried about their thoughts.",
            "Independent evaluation of rehabilitation courses, with the results published.",
        ],
        "calls_to_action": [
            call_to_action("Sign the petition", kind="sign", url="https://example.org/petition/stop-it-early"),
            call_to_action("Get confidential help", kind="help", url=GET_HELP_URL),
            call_to_action("Read the latest news", kind="other", page=PageRef("news")),
        ],
        "body": [
            heading("Why prosecution alone is not enough"),
            paragraph(
                "The number of people identified as viewing child sexual abuse material has grown faster than the "
                "police can investigate. Specialist teams are doing vital work, but arrests alone have not reduced "
                "demand for this material."
            ),
            paragraph(
                "We want those who abuse children, or who direct and pay for abuse, to be the first priority for "
                "investigators. But nobody who views abuse material should be left undisturbed: every image "
                "records the abuse of a real child, and some people who start by viewing go on to abuse."
            ),
            heading("What prevention looks like"),
            paragraph(
                "Prevention means reaching people before they offend, or before they offend again. That includes "
                "warnings shown to people searching for abuse material, confidential helplines for people worried "
                "about their own thoughts, and rehabilitation courses that are proven to work."
            ),
            pull_quote(
                "Catching offenders and stopping offending are not rival goals. Children need both.",
                attribution="Campaign newsroom",
            ),
            paragraph("Add your name to our petition to the Home Secretary."),
            call_to_action("Sign the petition", kind="sign", url="https://example.org/petition/stop-it-early"),
        ],
        "tags": ["prevention", "policing", "policy"],
        "related_news": [
            "police-lead-urges-focus-on-highest-risk-offenders",
            "mps-call-for-long-term-funding-for-prevention",
            "confidential-helpline-records-busiest-year",
        ],
    },
    {
        "title": "Safer platforms, sooner",
        "slug": "safer-platforms-sooner",
        "status": "closed",
        "end_date_days_from_today": -45,
        "summary": (
            "Our campaign for online platforms to be required by law to find, remove and report child sexual abuse "
            "material. It closed when the regulator published its draft codes; this page records what we asked "
            "for and what happened."
        ),
        "hero_image": ImageRef("campaign-platforms"),
        "aims": [
            "A legal duty on platforms to detect and remove known child sexual abuse material.",
            "Simple reporting tools for users, with reports acted on quickly.",
            "No exemptions for smaller services that carry a high risk to children.",
        ],
        "calls_to_action": [
            call_to_action("Read our final report", kind="other", url="https://example.org/reports/safer-platforms"),
            call_to_action("Support our work", kind="donate", url="https://example.org/donate"),
        ],
        "body": [
            heading("What we achieved"),
            paragraph(
                "Over eighteen months, supporters wrote to their MPs, responded to consultations and shared their "
                "experience of reporting abuse material that stayed online for weeks. The draft codes of practice "
                "now include several of the measures we asked for."
            ),
            heading("What is still missing"),
            paragraph(
                "The draft codes apply their strongest duties to the largest services. We remain concerned that "
                "smaller sites, where much abuse material is shared, face lighter requirements. We will keep "
                "reporting on how the codes work in practice."
            ),
            paragraph("Thank you to everyone who took part. This campaign is now closed."),
        ],
        "tags": ["online safety", "policy"],
        "related_news": ["draft-codes-set-out-platform-duties", "schools-receive-new-online-safety-lessons"],
    },
]


# --- News articles --------------------------------------------------------------------------------

# An article that places a help message block in its body should not also choose that message as its
# page-level help message: the page would then show the same message twice.
ARTICLES = [
    {
        "title": "Police lead says forces must focus on highest-risk offenders as online abuse image cases grow",
        "slug": "police-lead-urges-focus-on-highest-risk-offenders",
        "days_ago": 9,
        "standfirst": (
            "A senior police lead says forces cannot keep pace with the number of people viewing indecent images "
            "of children online and should concentrate on those who pose the greatest risk. MPs and campaigners "
            "warn that no offender should be left undisturbed."
        ),
        "lead_image": ImageRef("article-police"),
        "lead_image_caption": "Specialist teams say referrals are rising faster than they can investigate.",
        "source_name": "Example Wire",
        "source_url": "https://example.org/news/police-prioritise-highest-risk-offenders",
        "tags": ["policing", "prevention", "policy"],
        "related_campaigns": ["stop-it-before-it-starts"],
        "help_message": None,
        "body": [
            paragraph(
                "Police forces cannot investigate everyone who views indecent images of children online and should "
                "direct their limited resources at the offenders who pose the greatest danger to children, a senior "
                "police lead for child protection has said."
            ),
            paragraph(
                "Speaking at a briefing this week, the officer said the number of people identified as viewing such "
                "material had grown far faster than the capacity of specialist teams, and that investigators were "
                "making difficult choices every day about which cases to pursue first."
            ),
            heading("Who counts as highest risk"),
            paragraph(
                "Under the approach described, priority would go to people who are abusing children themselves, "
                "who are directing or paying for abuse carried out by others, or who have contact with children "
                "and show signs of grooming. Cases would be sorted using risk-assessment tools as referrals arrive."
            ),
            paragraph(
                "For people judged to be lower-level viewers, with no sign of contact offending, the police lead "
                "suggested that alternatives to prosecution could be used more often, such as conditional cautions "
                "that require the person to complete a rehabilitation course. The aim, the officer said, would be "
                "to change behaviour quickly rather than leave cases waiting many months for a court date."
            ),
            heading("Concern from MPs and campaigners"),
            paragraph(
                "The remarks drew a cautious response at Westminster. An MP on the home affairs committee said that "
                "viewing images of child abuse is never a victimless offence, because each image records the real "
                "abuse of a real child, and warned against any system in which some offenders face no meaningful "
                "consequences."
            ),
            paragraph(
                "Child-protection campaigners pointed to research suggesting that some people first identified as "
                "viewers go on to commit contact offences. Describing any offender as “low-level”, they argued, "
                "risks leaving people undisturbed who could go on to harm children. They called for every "
                "identified offender to be contacted by the police, even where a case is later dealt with outside "
                "the courts."
            ),
            pull_quote(
                "Putting the most dangerous offenders first makes sense. Leaving everyone else undisturbed does not. "
                "Enforcement and prevention have to work side by side.",
                attribution="A spokesperson for the Stop it before it starts campaign",
            ),
            heading("Prosecution and prevention"),
            paragraph(
                "Our campaign has long argued that the choice between prosecution and prevention is a false one. "
                "Where there is evidence of abuse, offenders must be investigated and brought before the courts. "
                "But arrests alone will not reduce demand while the number of people viewing this material keeps "
                "growing."
            ),
            paragraph(
                "That is why we are calling for sustained investment in deterrence: clear messages, shown to people "
                "searching for abuse material, that what they are doing is illegal, harms children and can be "
                "stopped, together with a route to confidential help. Support services report that many people who "
                "contact them do so before any police involvement, which is when prevention can do the most good."
            ),
            paragraph(
                "We will raise these points with the Home Office and with national policing leads in the coming "
                "weeks, and report back on what we hear."
            ),
            help_message_block(ONLINE_HELP_MESSAGE),
        ],
    },
    {
        "title": "New guidance urges sober reporting of child abuse cases",
        "slug": "guidance-urges-sober-reporting-of-child-abuse-cases",
        "days_ago": 23,
        "standfirst": (
            "A panel of editors and survivors' representatives has published guidance on reporting child sexual "
            "abuse, asking newsrooms to avoid sensational language and to tell readers where to get help."
        ),
        "lead_image": ImageRef("article-reporting"),
        "lead_image_caption": "",
        "source_name": "Reporting Standards Network",
        "source_url": "https://example.org/reporting-guidance",
        "tags": ["policy", "reporting"],
        "related_campaigns": [],
        "help_message": None,
        "body": [
            paragraph(
                "Journalists covering child sexual abuse should use accurate language, leave out graphic detail and "
                "include information about where readers can get help, according to new guidance drawn up by a "
                "panel of editors, reporters and representatives of survivors' groups."
            ),
            heading("Language matters"),
            paragraph(
                "The guidance asks newsrooms to stop using the phrase “child pornography”, which it says suggests "
                "consent and legitimacy, and to use “child sexual abuse material” or “indecent images of children” "
                "instead. It also advises against describing abuse as a “relationship” or an “affair”."
            ),
            image_block(
                "body-newsroom",
                alt_text="Abstract illustration in grey and lime",
                caption="The guidance recommends neutral illustrations rather than images of children in distress.",
            ),
            paragraph(
                "Editors are asked to think carefully about pictures. Stock photographs of children looking "
                "frightened or hiding their faces can reinforce stereotypes, the panel says, and may be distressing "
                "for survivors. Abstract or neutral images are recommended."
            ),
            pull_quote(
                "Good reporting can help people recognise abuse and seek help. Careless reporting can put them off.",
                attribution="A member of the panel that drafted the guidance",
            ),
            heading("Protecting identities"),
            paragraph(
                "The guidance reminds journalists that victims of sexual offences have lifelong anonymity, and "
                "warns against “jigsaw identification”, where details published by different outlets together "
                "reveal who a victim is."
            ),
            paragraph(
                "It also recommends that every article about abuse ends with details of support services, "
                "including services for people worried about their own thoughts, which the panel says can help "
                "prevent abuse."
            ),
        ],
    },
    {
        "title": "Draft codes set out platforms' duties to find and remove abuse material",
        "slug": "draft-codes-set-out-platform-duties",
        "days_ago": 58,
        "standfirst": (
            "The online safety regulator has published draft codes of practice telling platforms how they are "
            "expected to detect, remove and report child sexual abuse material."
        ),
        "lead_image": ImageRef("article-platforms"),
        "lead_image_caption": "",
        "source_name": "Example Tech Policy Review",
        "source_url": "https://example.org/tech-policy/draft-codes-platform-duties",
        "tags": ["online safety", "policy"],
        "related_campaigns": ["safer-platforms-sooner"],
        "help_message": None,
        "body": [
            paragraph(
                "Online platforms will be expected to use automated tools to detect known child sexual abuse "
                "material, and to remove it quickly, under draft codes of practice published by the online safety "
                "regulator."
            ),
            heading("What the codes require"),
            paragraph(
                "Larger services would have to check uploaded images against lists of known abuse material, make "
                "it simple for users to report content, and act on reports promptly. Services used by children "
                "would have to stop adults they do not know from contacting them by default."
            ),
            paragraph(
                "The regulator said the measures were proportionate and would be reviewed as technology changes. "
                "A consultation on the drafts runs for twelve weeks."
            ),
            heading("Questions about smaller sites"),
            paragraph(
                "Child-protection groups welcomed the codes but questioned why some of the strongest duties apply "
                "only to the largest services. Much abuse material, they said, is shared on small sites with few "
                "moderators."
            ),
            pull_quote(
                "The size of a platform tells you little about the risk to children on it.",
                attribution="A child online safety researcher",
            ),
            paragraph(
                "Industry representatives said they supported the aims of the codes but asked for clear technical "
                "guidance and realistic deadlines."
            ),
        ],
    },
    {
        "title": "Confidential helpline records its busiest year",
        "slug": "confidential-helpline-records-busiest-year",
        "days_ago": 41,
        "standfirst": (
            "A confidential helpline for people worried about their own sexual thoughts about children handled "
            "more contacts last year than ever before, its annual report shows."
        ),
        "lead_image": ImageRef("article-helpline"),
        "lead_image_caption": "",
        "source_name": "Helpline annual report",
        "source_url": "https://example.org/helpline/annual-report",
        "tags": ["prevention"],
        "related_campaigns": ["stop-it-before-it-starts"],
        "help_message": None,
        "body": [
            paragraph(
                "A confidential helpline run by a child-protection charity handled just over 11,000 calls, web chats "
                "and e-mails in its last financial year, around a fifth more than the year before."
            ),
            paragraph(
                "Most people who made contact were worried about their own thoughts or online behaviour. About a "
                "third were family members or friends concerned about someone close to them."
            ),
            heading("Reaching people early"),
            paragraph(
                "The charity said the majority of first-time callers had never been in contact with the police "
                "about their behaviour. It credited online warning messages, which direct people searching for "
                "abuse material to the service, for much of the increase."
            ),
            pull_quote(
                "Every call is a chance to stop abuse before it happens.",
                attribution="The helpline's service manager",
            ),
            heading("Demand outstrips funding"),
            paragraph(
                "The report warns that the service could not answer every call at peak times, and that its funding "
                "is agreed one year at a time, making it hard to recruit and train advisers."
            ),
            paragraph(
                "The charity is asking government for a multi-year funding settlement and for prevention services "
                "to be included in national plans to tackle child sexual abuse."
            ),
        ],
    },
    {
        "title": "Regional pilot pools specialist digital investigators",
        "slug": "regional-pilot-pools-digital-investigators",
        "days_ago": 77,
        "standfirst": (
            "Several police forces are to share specialist staff who examine seized devices, in an attempt to cut "
            "long delays in child abuse image investigations."
        ),
        "lead_image": ImageRef("article-pilot"),
        "lead_image_caption": "",
        "source_name": "Example Regional News",
        "source_url": "https://example.org/regional/digital-investigators-pilot",
        "tags": ["policing"],
        "related_campaigns": [],
        "help_message": ONLINE_HELP_MESSAGE,
        "body": [
            paragraph(
                "Police forces in one region are to pool their digital forensic teams under a year-long pilot aimed "
                "at reducing the backlog of phones and computers waiting to be examined."
            ),
            paragraph(
                "Devices seized in child abuse image investigations can wait many months for examination, leaving "
                "suspects under investigation for long periods and delaying action where children may be at risk."
            ),
            heading("Triage first"),
            paragraph(
                "Under the pilot, devices will be assessed on arrival using triage tools designed to find evidence "
                "of contact abuse or of communication with children, so that the most urgent cases are examined "
                "first."
            ),
            pull_quote(
                "Sharing staff and equipment means the most urgent cases no longer wait behind the queue.",
                attribution="A regional policing lead for digital forensics",
            ),
            paragraph(
                "Child-protection groups welcomed the pilot but asked for its results, including the effect on "
                "waiting times, to be published in full."
            ),
        ],
    },
    {
        "title": "Schools receive new online safety lessons for older pupils",
        "slug": "schools-receive-new-online-safety-lessons",
        "days_ago": 96,
        "standfirst": (
            "New lesson plans help teachers talk to older pupils about manipulation online, requests for images "
            "and how to report concerns."
        ),
        "lead_image": ImageRef("article-schools"),
        "lead_image_caption": "",
        "source_name": "Example Education Weekly",
        "source_url": "https://example.org/education/online-safety-lessons",
        "tags": ["online safety", "prevention"],
        "related_campaigns": ["safer-platforms-sooner"],
        "help_message": None,
        "body": [
            paragraph(
                "Secondary schools are being offered a free set of lesson plans on staying safe online, developed "
                "by teachers together with a children's charity."
            ),
            heading("What the lessons cover"),
            paragraph(
                "The six lessons help pupils recognise when someone online is trying to manipulate them, explain "
                "what to do if they are asked for images, and show how to report concerns to a platform, a trusted "
                "adult or the police."
            ),
            paragraph(
                "Throughout, the materials stress that a young person who has been pressured or tricked is never to "
                "blame, and that it is always worth asking for help, even if images have already been shared."
            ),
            pull_quote(
                "Pupils told us they wanted practical advice, not scare stories. That is what we have tried to "
                "give them.",
                attribution="A teacher who helped develop the lessons",
            ),
            paragraph(
                "The lessons come with guidance for staff on responding if a pupil discloses abuse, and notes for "
                "parents and carers."
            ),
        ],
    },
    {
        "title": "MPs call for long-term funding for prevention services",
        "slug": "mps-call-for-long-term-funding-for-prevention",
        "days_ago": 120,
        "standfirst": (
            "A cross-party committee says services that work with people at risk of offending against children "
            "are held back by short-term grants."
        ),
        "lead_image": ImageRef("article-funding"),
        "lead_image_caption": "",
        "source_name": "Example Parliamentary Monitor",
        "source_url": "https://example.org/parliament/prevention-funding-report",
        "tags": ["policy", "prevention"],
        "related_campaigns": ["stop-it-before-it-starts"],
        "help_message": None,
        "body": [
            paragraph(
                "Services that work to prevent child sexual abuse should receive funding for several years at a time "
                "rather than year by year, a cross-party committee of MPs has said."
            ),
            paragraph(
                "In its report, the committee found that helplines and rehabilitation programmes spend a large share "
                "of their time applying for short-term grants, and struggle to keep trained staff."
            ),
            heading("Recommendations"),
            (
                "paragraph",
                (
                    "<p>The committee recommends:</p><ul>"
                    "<li>multi-year funding for prevention services, agreed alongside policing budgets;</li>"
                    "<li>a national deterrence campaign that tells people at risk of offending where to get help;</li>"
                    "<li>independent evaluation of rehabilitation courses, with results published.</li></ul>"
                ),
            ),
            pull_quote(
                "Prevention is not a soft option. It is how we stop children being harmed in the first place.",
                attribution="A member of the committee",
            ),
            paragraph("The government is expected to respond to the report within two months."),
        ],
    },
]


# Reader comments on the police-priorities article: a short published conversation, and one comment
# held for moderation so the admin queue has something in it. Addresses use the reserved example domain.
DEMO_COMMENTS_ARTICLE = "police-lead-urges-focus-on-highest-risk-offenders"
DEMO_COMMENTS = [
    {
        "key": "first",
        "name": "Morag",
        "email": "morag@example.org",
        "text": "Prioritising the people who abuse children directly makes sense when resources are stretched.\n\n"
        "But every image is a record of a real child being harmed. Viewing is never low level for them.",
        "public": True,
    },
    {
        "key": "reply",
        "parent": "first",
        "name": "Dev",
        "email": "dev@example.org",
        "text": "Agreed. Deterrence messages that point people to help before they offend are part of the answer, "
        "not a replacement for prosecution.",
        "public": True,
    },
    {
        "key": "second",
        "name": "Sam",
        "email": "sam@example.org",
        "text": "The research on warning messages is worth reading: www.example.org/deterrence-research",
        "public": True,
    },
    {
        "key": "held",
        "name": "New reader",
        "email": "new.reader@example.org",
        "text": "First time commenting here. Where can parents learn what to look out for?",
        "public": False,
        "reason": "held: pre-moderation of a new commenter",
    },
]
