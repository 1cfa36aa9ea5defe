// Progressive enhancement for comments. Without JavaScript every link and form still works.
(function () {
  "use strict";

  // A refused form opens with its error summary focused (autofocus does this too where it is honoured),
  // and a link in the summary moves focus to its field, not only the view.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    if (document.activeElement !== summary) summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.hash.slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
    });
  }

  // "Reply" opens the comment form under the comment instead of loading the reply page.
  var form = document.getElementById("comment-form");
  if (!form || !form.elements.reply_to || !document.querySelector("a.comment__reply")) return;
  var home = form.parentNode;
  var anchor = document.createComment("comment form");
  home.insertBefore(anchor, form);
  var heading = document.getElementById("comment-form-heading");
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "comment-form__cancel";
  cancel.textContent = "Cancel reply";
  cancel.hidden = true;
  var opener = null; // the Reply link that opened the form, where focus returns on Cancel
  form.querySelector("button[type='submit']").insertAdjacentElement("afterend", cancel);

  function reset() {
    form.elements.reply_to.value = "0";
    home.insertBefore(form, anchor.nextSibling);
    cancel.hidden = true;
    if (heading) heading.hidden = false;
    if (opener) opener.focus();
    opener = null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment__reply");
    if (!link) return;
    var comment = document.getElementById("c" + link.getAttribute("data-reply-to"));
    if (!comment) return;
    event.preventDefault();
    opener = link;
    form.elements.reply_to.value = link.getAttribute("data-reply-to");
    link.parentNode.insertAdjacentElement("afterend", form);
    cancel.hidden = false;
    if (heading) heading.hidden = true;
    form.elements.comment.focus();
  });
  cancel.addEventListener("click", reset);
})();
