"""Maps the sources' plain records onto pages, images, tags, comments and redirects, and remembers what it made.

Every source goes through here, so they share the guarantees: a second run updates what the first made
(``ImportedObject``), one broken record is reported and skipped, nothing is written in a dry run, the run is
recorded in the site history with counts only, and the caches hear of every change once it is committed.
"""

import contextlib
import datetime
import os

import PIL.Image
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from modelsearch import signal_handlers as search_signal_handlers
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends
from wagtail.search.index import get_indexed_models
from wagtail.signal_handlers import disable_reference_index_auto_update

import config.caching as caching
from news.comments import notifications
from news.comments import services as comment_services
from news.comments.data_rights import ANONYMOUS_NAME
from news.comments.models import CommentModeration, CommentSettings
from news.importers.models import ImportedObject, ImportRun
from news.importers.records import CommentsOnly, PageRecord, Skipped
from news.importers.report import Report
from news.safeguarding import checks as safeguarding_checks
from news.safeguarding import selectors as safeguarding_selectors
from news.safeguarding import services as safeguarding_services
from news.safeguarding.categories import PERSONAL_DETAILS

Decision = CommentModeration.Decision
DEFAULT_PAGE_TYPES = {
    "article": "news.NewsArticlePage",
    "post": "news.NewsArticlePage",
    "page": "home.StandardPage",
}
# Past this many changed pages a run tells the caches that everything changed, rather than page by page.
PAGES_CHANGED_ONE_BY_ONE = 50
NAME_LENGTH = 50  # django_comments' user_name
EMAIL_LENGTH = 254


class DryRun(Exception):
    """Rolls a dry run's transaction back once its report is complete."""


def decide_imported(*, record, patterns):
    """What becomes of one imported comment: (published, decision, reason, held_by, safeguarding finding).

    Safeguarding checks it like any new comment (``patterns``: ``safeguarding.selectors.patterns_by_category``):
    a disclosure becomes a case for the leads, whatever the old site did with it, and personal details hold it,
    with the reason. Otherwise the old site's decision stands: the moderation rules' rate limits and
    first-comment holds are for comments typed here, not for a discussion that already happened.
    """
    finding = safeguarding_checks.find_category(text=record.text, name=record.name, patterns_by_category=patterns)
    if finding is not None:
        return False, Decision.SAFEGUARDING, "imported: held for safeguarding", "", finding
    details = safeguarding_checks.find_personal_details(text=record.text, patterns=patterns[PERSONAL_DETAILS])
    if details:
        held = comment_services.personal_details_hold(details)
        return False, Decision.HELD, f"imported: {held.reason}"[:200], held.held_by, None
    if record.published:
        return True, Decision.PUBLISHED, "imported: published on the old site", "", None
    return False, Decision.HELD, "imported: unpublished on the old site", CommentModeration.HeldBy.OTHER, None


class Writer:
    """Writes one source's records. ``page_types`` maps the source's content types to page models."""

    def __init__(self, *, source, page_types=None, dry_run=False, parents=None):
        self.source = source
        self.page_types = {**DEFAULT_PAGE_TYPES, **(page_types or {})}
        self.dry_run = dry_run
        self.parents = parents or {}
        self.report = Report(source=source, dry_run=dry_run)
        self.changed_pages = set()
        self.pages_with_new_comments = set()
        self.redirects = {}  # normalised old path -> (page, rank)
        self.site = Site.objects.filter(is_default_site=True).first()
        self.comment_settings = CommentSettings.for_site(self.site) if self.site else CommentSettings()
        self.safeguarding_patterns = safeguarding_selectors.patterns_by_category()
        self.ip_kept_since = timezone.now() - datetime.timedelta(days=self.comment_settings.ip_retention_days)

    # The run

    def run(self, records, *, progress=None):
        """Write every record; returns the report. ``progress`` (a progress bar) counts pages and threads."""
        run = None
        try:
            with transaction.atomic(), indexing_deferred():
                for record in records:
                    self.write(record)
                    if progress is not None and not isinstance(record, Skipped):
                        progress.update(1)
                self._write_redirects()
                self._index_pages()
                if self.dry_run:
                    raise DryRun
                run = ImportRun.objects.create(source=self.source, finished_at=timezone.now())
                run.counts = self.report.as_counts()
                run.save(update_fields=["counts"])
                log(instance=run, action="importers.run", title=str(run), data={"counts": run.counts})
        except DryRun:
            return self.report
        self._tell_the_caches()
        return self.report

    def write(self, record):
        """One record in its own savepoint: a failure skips it, with its reason, and nothing else."""
        if isinstance(record, Skipped):
            self.report.skipped(record.kind, record.source_id, record.reason)
            return
        kept = self._state()
        try:
            with transaction.atomic():
                if isinstance(record, PageRecord):
                    self._write_page(record)
                elif isinstance(record, CommentsOnly):
                    self._write_comments_only(record)
        except Exception as error:  # whatever one record does wrong, the others are still written
            self._restore(kept)
            kind = "page" if isinstance(record, PageRecord) else "thread"
            self.report.skipped(kind, record.source_id, _reason(error))

    def _state(self):
        """What a record adds to the run besides rows, put back if its savepoint is rolled back."""
        counts = {kind: counter.copy() for kind, counter in self.report.counts.items()}
        return (
            counts,
            len(self.report.skips),
            set(self.changed_pages),
            set(self.pages_with_new_comments),
            {**self.redirects},
        )

    def _restore(self, kept):
        counts, skips, changed, commented, redirects = kept
        self.report.counts.clear()
        self.report.counts.update(counts)
        del self.report.skips[skips:]
        self.changed_pages, self.pages_with_new_comments, self.redirects = changed, commented, redirects

    # Pages

    def _write_page(self, record):
        label = self.page_types.get(record.kind)
        if not label:
            raise LookupError(f"no page type for the content type '{record.kind}' (map it with --type)")
        model = apps.get_model(label)
        mapped = self._mapped("page", [record.source_id]).get(record.source_id)
        page = model.objects.filter(pk=mapped).first() if mapped else None
        created = page is None
        if created:
            # Given its comments mode, the page skips the default's look-up of the site's settings.
            fields = {field.name for field in model._meta.get_fields()}
            modes = {"comments_mode": record.comments_mode or self.comment_settings.default_comments_mode}
            page = model(**(modes if "comments_mode" in fields else {}))
        self._fill_page(page, record)
        if created:
            parent = self._parent_for(model)
            page.slug = self._free_slug(parent, record)
            parent.add_child(instance=page)
            self._remember("page", record.source_id, page)
            self.report.created("page")
        else:
            page.save()
            self.report.updated("page")
        self.changed_pages.add(page.pk)
        for path, rank in record.old_paths:
            path = Redirect.normalise_path("/" + path.lstrip("/"))
            if path not in self.redirects or self.redirects[path][1] < rank:
                self.redirects[path] = (page, rank)
        if record.comments:
            self._write_comments(page, record.comments)

    def _fill_page(self, page, record):
        page.title = record.title
        page.draft_title = record.title
        body = [("paragraph", RichText(record.body_html))] if record.body_html else []
        fields = {field.name for field in page._meta.get_fields()}
        if "standfirst" in fields:  # a news article
            page.standfirst = record.summary or record.title
            page.date = timezone.localdate(record.created)
            page.byline = record.byline[:120]
            page.body = body or [("paragraph", RichText(f"<p>{escape(record.summary or record.title)}</p>"))]
        elif "summary" in fields:  # a campaign
            page.summary = (record.summary or record.title)[:500]
            page.body = body
        else:
            page.intro = record.summary[:500]
            page.body = body
        if "comments_mode" in fields and record.comments_mode:
            page.comments_mode = record.comments_mode
        if "tags" in fields:
            page.tags.set([tag[:100] for tag in record.tags])
        if record.image is not None:
            image = self._image(record.image)
            for image_field, alt_field in (
                ("lead_image", "lead_image_alt_text"),
                ("hero_image", "hero_image_alt_text"),
            ):
                if image_field in fields:
                    setattr(page, image_field, image)
                    setattr(page, alt_field, record.image.alt_text if image else "")
        page.live = record.published
        page.has_unpublished_changes = not record.published
        page.first_published_at = record.created if record.published else None
        page.last_published_at = record.changed if record.published else None
        page.latest_revision_created_at = record.changed

    def _parent_for(self, model):
        if model not in self.parents:
            for parent_model in model.allowed_parent_page_models():
                parent = parent_model.objects.filter(depth__gt=1).exact_type(parent_model).order_by("path").first()
                if parent is not None:
                    self.parents[model] = parent.specific
                    break
            else:
                raise LookupError(f"no page here can hold a {model._meta.verbose_name}: create its parent page first")
        return self.parents[model]

    def _free_slug(self, parent, record):
        base = slugify(record.slug or record.title, allow_unicode=True)[:200] or f"{record.kind}-{record.source_id}"
        taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
        return base if base not in taken else f"{base}-{record.source_id}"

    def _image(self, record):
        """The image, made once per source file; None (reported) when the file is not there."""
        mapped = self._mapped("image", [record.source_id]).get(record.source_id)
        image_model = get_image_model()
        if mapped and (image := image_model.objects.filter(pk=mapped).first()):
            if record.title and image.title != record.title:
                image.title = record.title
                image.save(update_fields=["title"])
            return image
        if not record.path or not os.path.isfile(record.path):
            reason = "no file for it in the --files copy" if not record.path else f"file not found: {record.path}"
            self.report.skipped("image", record.source_id, reason)
            return None
        try:
            with PIL.Image.open(record.path) as picture:
                picture.verify()  # an image indeed, checked alike in a dry run
        except Exception:
            self.report.skipped("image", record.source_id, f"not an image: {os.path.basename(record.path)}")
            return None
        if self.dry_run:  # no file written in a dry run
            self.report.created("image")
            return None
        try:
            with transaction.atomic(), open(record.path, "rb") as handle:
                image = image_model(title=record.title or os.path.basename(record.path))
                image.file = ImageFile(handle, name=os.path.basename(record.path))
                image.save()
        except Exception as error:  # not an image, unreadable: the page comes over without it
            self.report.skipped("image", record.source_id, _reason(error))
            return None
        self._remember("image", record.source_id, image)
        self.report.created("image")
        return image

    # Comments

    def _write_comments_only(self, record):
        """Comments for a page that exists here (Disqus threads): found by its old address or id."""
        page = self._find_page(record)
        if page is None:
            raise LookupError(f"no page here for the thread '{record.title}'")
        self._write_comments(page, record.comments)

    def _find_page(self, record):
        for source, source_id in record.match_ids:
            mapped = self._mapped("page", [source_id], source=source).get(source_id)
            if mapped and (page := Page.objects.filter(pk=mapped).first()):
                return page.specific
        for url in record.match_urls:
            path = Redirect.normalise_path(url)
            redirect = Redirect.objects.filter(old_path=path, redirect_page__isnull=False).first()
            if redirect is not None:
                return redirect.redirect_page.specific
            for page in Page.objects.filter(url_path__endswith=path.rstrip("/") + "/").specific():
                if page.url and Redirect.normalise_path(page.url) == path:
                    return page
        return None

    def _write_comments(self, page, records):
        """A page's comments, threads rebuilt and flattened to the site's depth, new ones in bulk."""
        if not hasattr(page, "comments_mode"):
            for record in records:
                self.report.skipped("comment", record.source_id, "its page cannot have comments here")
            return
        mapped = self._mapped("comment", [record.source_id for record in records])
        existing = XtdComment.norel_objects.in_bulk(list(mapped.values()))
        with_cases = set(  # their text and writer are in a safeguarding case: a second run never brings them back
            CommentModeration.objects.filter(comment_id__in=list(existing), decision=Decision.SAFEGUARDING).values_list(
                "comment_id", flat=True
            )
        )
        content_type = ContentType.objects.get_for_model(page)
        comments, new = [], []
        for record in records:
            comment = existing.get(mapped.get(record.source_id))
            if comment is None:
                comment = XtdComment(
                    content_type=content_type, object_pk=str(page.pk), site_id=settings.SITE_ID, user_url=""
                )
                new.append((record, comment))
            comment.submit_date = record.submitted_at
            if comment.pk not in with_cases and not _erased_here(comment, record):
                comment.user_name = " ".join(record.name.split())[:NAME_LENGTH] or ANONYMOUS_NAME
                comment.user_email = record.email.strip()[:EMAIL_LENGTH]
                comment.comment = record.text
                comment.ip_address = self._kept_ip(record)
            comments.append((record, comment))
        decisions = {}
        for record, comment in new:
            decisions[record.source_id] = decide_imported(record=record, patterns=self.safeguarding_patterns)
            comment.is_public = decisions[record.source_id][0]
            comment.is_removed = False
            if decisions[record.source_id][4] is not None:  # the text and the writer go into a case, not the row
                comment.comment = comment.user_name = comment.user_email = ""
                comment.ip_address, comment.is_removed = None, True
        order = thread_order(records, max_depth=self.comment_settings.max_thread_depth)
        by_source = {record.source_id: comment for record, comment in comments}
        if new:
            Comment.objects.bulk_create([comment for _record, comment in new])  # the parent table numbers them
            for _record, comment in new:
                comment.comment_ptr_id = comment.id
        self._place(order, by_source)
        if new:
            new_rows = [comment for _record, comment in new]
            XtdComment.norel_objects._insert(new_rows, fields=XtdComment._meta.local_concrete_fields)
            CommentModeration.objects.bulk_create(
                CommentModeration(comment=comment, decision=decision, reason=reason, held_by=held_by)
                for (record, comment) in new
                for (_published, decision, reason, held_by, _finding) in [decisions[record.source_id]]
            )
            self._open_cases(page, [(record, comment, decisions[record.source_id][4]) for record, comment in new])
            self._remember_many("comment", [(record.source_id, comment) for record, comment in new])
            self.report.created("comment", len(new))
        old_rows = [comment for record, comment in comments if record.source_id in mapped and comment.pk]
        if old_rows:
            Comment.objects.bulk_update(
                old_rows, ["user_name", "user_email", "comment", "submit_date", "ip_address"], batch_size=500
            )
            XtdComment.norel_objects.bulk_update(
                old_rows, ["thread_id", "parent_id", "level", "order", "nested_count"], batch_size=500
            )
            self.report.updated("comment", len(old_rows))
        self.pages_with_new_comments.add(page.pk)

    def _open_cases(self, page, written):
        """A case for each imported disclosure, and the leads told as for any new one (once the run commits)."""
        for record, comment, finding in written:
            if finding is None:
                continue
            parent = comment.parent_id if comment.parent_id != comment.pk else 0
            case = safeguarding_services.open_case(
                comment=comment,
                page=page,
                finding=finding,
                text=record.text,
                name=" ".join(record.name.split())[:NAME_LENGTH],
                email=record.email.strip()[:EMAIL_LENGTH],
                ip_address=self._kept_ip(record),
                reply_to=parent,
            )
            self.report.created("safeguarding case", 1)
            notifications.notify_safeguarding_leads(case=case)

    def _place(self, order, by_source):
        """Thread fields as django-comments-xtd's save() would set them, for the tree ``thread_order`` gives."""
        for source_id, parent_source_id, level, position, root_source_id, below in order:
            comment = by_source[source_id]
            root = by_source[root_source_id]
            comment.thread_id = root.pk
            comment.parent_id = by_source[parent_source_id].pk if parent_source_id else comment.pk
            comment.level = level
            comment.order = position
            comment.nested_count = below

    def _kept_ip(self, record):
        """The old site's address of the commenter, only while it is younger than the retention period."""
        if not record.ip_address or record.submitted_at < self.ip_kept_since:
            return None
        try:
            validate_ipv46_address(record.ip_address)
        except ValidationError:
            return None
        return record.ip_address

    # The search and reference indexes

    def _index_pages(self):
        """Every written page in the search index and Wagtail's reference index, in bulk (``indexing_deferred``)."""
        pages = list(Page.objects.filter(pk__in=self.changed_pages).specific())
        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        for backend in get_search_backends(with_auto_update=True):
            for model, items in by_model.items():
                backend.add_bulk(model, items)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)

    # Redirects

    def _write_redirects(self):
        """Every old address of an imported page leads to it (wagtail.contrib.redirects), on every site."""
        own_paths = {}
        wanted = {}
        for path, (page, _rank) in self.redirects.items():
            if path in ("", "/"):
                continue
            url = own_paths.setdefault(page.pk, Redirect.normalise_path(page.url or ""))
            if path != url:
                wanted[path] = page
        existing = {
            redirect.old_path: redirect for redirect in Redirect.objects.filter(site=None, old_path__in=list(wanted))
        }
        changed = []
        for path, page in wanted.items():
            redirect = existing.get(path)
            if redirect is not None and redirect.redirect_page_id != page.pk:
                redirect.redirect_page, redirect.redirect_link, redirect.is_permanent = page, "", True
                changed.append(redirect)
        Redirect.objects.bulk_update(changed, ["redirect_page", "redirect_link", "is_permanent"])
        made = [
            Redirect(old_path=path, site=None, redirect_page=page, is_permanent=True)
            for path, page in wanted.items()
            if path not in existing
        ]
        Redirect.objects.bulk_create(made)
        if made:
            self.report.created("redirect", len(made))
        if existing:
            self.report.updated("redirect", len(existing))

    # The mapping

    def _mapped(self, kind, source_ids, *, source=None):
        rows = ImportedObject.objects.filter(source=source or self.source, kind=kind, source_id__in=source_ids)
        return dict(rows.values_list("source_id", "object_id"))

    def _remember(self, kind, source_id, instance):
        self._remember_many(kind, [(source_id, instance)])

    def _remember_many(self, kind, pairs):
        if not pairs:
            return
        content_type = ContentType.objects.get_for_model(pairs[0][1], for_concrete_model=False)
        ImportedObject.objects.bulk_create(
            [
                ImportedObject(
                    source=self.source, kind=kind, source_id=source_id, content_type=content_type, object_id=instance.pk
                )
                for source_id, instance in pairs
            ],
            # A mapping to an object deleted here since the last run points to the new one.
            update_conflicts=True,
            unique_fields=["source", "kind", "source_id"],
            update_fields=["content_type", "object_id", "imported_at"],
        )

    # The caches

    def _tell_the_caches(self):
        """Once committed, every cached copy of what changed goes: pages, the pages showing them, comments."""
        if len(self.changed_pages | self.pages_with_new_comments) > PAGES_CHANGED_ONE_BY_ONE:
            caching.everything_changed()  # every kept page and its data, nginx's copies included
            return
        for page in Page.objects.filter(pk__in=self.changed_pages):
            caching.page_changed(page=page)
        caching.comments_changed(page_pks=self.pages_with_new_comments)


@contextlib.contextmanager
def indexing_deferred():
    """Pages saved in the block skip the per-save search and reference index updates: the writer adds them all
    at the end (``Writer._index_pages``), several times faster than one page at a time."""
    models = [model for model in get_indexed_models() if issubclass(model, Page)]
    for model in models:
        post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(search_signal_handlers.post_save_signal_handler, sender=model)


def thread_order(records, *, max_depth):
    """Each comment as (id, parent id, level, position in its thread, root id, replies below it), thread by thread.

    Parents come from ``parent_id``; siblings are ordered by ``thread`` (Drupal's vancode or a date). A reply
    whose parent is not among the records (deleted on the old site) starts its own conversation. Replies deeper
    than ``max_depth`` levels hang from their deepest allowed ancestor, keeping their order in the thread.
    """
    ordered = sorted(records, key=lambda r: (r.thread, r.submitted_at, r.source_id))
    known = {record.source_id for record in records}
    children = {}
    for record in ordered:
        parent = record.parent_id if record.parent_id in known and record.parent_id != record.source_id else None
        children.setdefault(parent, []).append(record.source_id)
    deepest = max(max_depth, 1) - 1
    order, seen = [], set()
    # Conversations in order; a comment caught in a loop of parents (never reached) starts its own.
    for root in [*children.get(None, []), *(record.source_id for record in ordered)]:
        if root in seen:
            continue
        rows = []
        stack = [(root, [])]  # (comment, the placed chain of its parent: ids at levels 0, 1, …)
        while stack:
            source_id, parent_chain = stack.pop()
            if source_id in seen:
                continue
            seen.add(source_id)
            level = min(len(parent_chain), deepest)
            chain = [*parent_chain[:level], source_id]
            rows.append([source_id, chain[-2] if level else None, level, len(rows) + 1, root, 0])
            stack += [(child, chain) for child in reversed(children.get(source_id, []))]
        placed = {row[0]: row for row in rows}
        for row in rows:  # replies below each comment, after flattening
            parent = row[1]
            while parent is not None:
                placed[parent][5] += 1
                parent = placed[parent][1]
        order += [tuple(row) for row in rows]
    return order


def _erased_here(comment, record):
    """Whether the commenter's data was erased here since the last run (news.comments.data_rights): a second run
    must not bring back the name, address and text that erasure took away."""
    return comment.pk is not None and not comment.user_email and bool(record.email.strip())


def _reason(error):
    if isinstance(error, ValidationError):
        messages = []
        for field, errors in getattr(error, "message_dict", {"": error.messages}).items():
            messages.append(f"{field}: {' '.join(errors)}" if field and field != "__all__" else " ".join(errors))
        return "invalid: " + "; ".join(messages)
    if isinstance(error, LookupError) and error.args:
        return str(error.args[0])
    return f"{type(error).__name__}: {error}"
