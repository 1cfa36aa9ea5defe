"""StreamField blocks shared by articles, campaigns and standard pages."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with links and lists; headings have their own block."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph_block.html"
        preview_value = (
            "<p>Campaigners met the minister on Tuesday to press for <b>faster</b> "
            "action on reports of online abuse.</p>"
        )
        description = "A paragraph of text, with bold, italic, links and lists."


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)")], default="h2")

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        preview_value = {"text": "What the new guidance says", "level": "h2"}
        description = "A heading that starts a new section."


class PullQuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, with who said it."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "home/blocks/pull_quote_block.html"
        preview_value = {
            "quote": "Every report is a child who needs someone to act.",
            "attribution": "A child-protection officer",
        }
        description = "A quotation shown large, with its attribution."


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with the caption and credit that reporting requires."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Leave empty to use the image's title.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "home/blocks/image_block.html"
        description = "An image with an optional caption and credit."


class HelpMessageBlock(blocks.StructBlock):
    """Places a help message (a snippet) inside the body text."""

    message = SnippetChooserBlock("home.HelpMessage")

    class Meta:
        icon = "help"
        template = "home/blocks/help_message_block.html"
        description = "A message that tells people where to get help."


class CallToActionBlock(blocks.StructBlock):
    """A button that asks the reader to act: sign, donate, get help."""

    label = blocks.CharBlock(max_length=60)
    kind = blocks.ChoiceBlock(
        choices=[("sign", "Sign"), ("donate", "Donate"), ("help", "Get help"), ("other", "Other")],
        default="sign",
    )
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ErrorList([ValidationError("Choose a page or enter a web address, not both.")])
            raise StructBlockValidationError(block_errors={"page": message})
        return value

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action_block.html"
        preview_value = {"label": "Sign the petition", "kind": "sign", "url": "https://example.org/petition"}
        description = "A button linking to a page of this site or another site."


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of articles and standard pages."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    pull_quote = PullQuoteBlock()
    image = ImageWithCaptionBlock()
    embed = EmbedBlock(
        icon="media",
        template="home/blocks/embed_block.html",
        help_text="A YouTube, Vimeo or similar address.",
        description="A video or post from another site.",
    )
    help_message = HelpMessageBlock()


class CampaignBodyBlock(ArticleBodyBlock):
    """Campaign bodies may also ask readers to act."""

    call_to_action = CallToActionBlock()


class CallsToActionBlock(blocks.StreamBlock):
    """The buttons at the head of a campaign page."""

    call_to_action = CallToActionBlock()
