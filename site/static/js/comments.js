// Progressive enhancement for comments: "Reply" opens the comment form under the comment
// instead of loading the reply page. Without JavaScript the link leads to that page.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !form.elements.reply_to) return;
  var home = form.parentNode;
  var anchor = document.createComment("comment form");
  home.insertBefore(anchor, form);
  var heading = document.getElementById("comment-form-heading");
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "comment-form__cancel";
  cancel.textContent = "Cancel reply";
  cancel.hidden = true;
  form.appendChild(cancel);

  function reset() {
    form.elements.reply_to.value = "0";
    home.insertBefore(form, anchor.nextSibling);
    cancel.hidden = true;
    if (heading) heading.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment__reply");
    if (!link) return;
    var comment = document.getElementById("c" + link.getAttribute("data-reply-to"));
    if (!comment) return;
    event.preventDefault();
    form.elements.reply_to.value = link.getAttribute("data-reply-to");
    link.parentNode.insertAdjacentElement("afterend", form);
    cancel.hidden = false;
    if (heading) heading.hidden = true;
    form.elements.comment.focus();
  });
  cancel.addEventListener("click", reset);
})();
