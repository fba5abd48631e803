// MLA Tracker's job page: follows a job every two seconds and redraws its progress, until the job ends. Without
// scripts the page reloads itself instead (a <noscript> refresh).
(function () {
  "use strict";

  var box = document.querySelector("[data-job-status]");
  if (!box) { return; }
  var address = box.dataset.jobStatus;

  function follow() {
    fetch(address, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (job) {
        box.innerHTML = job.html;
        if (["done", "failed", "cancelled"].indexOf(job.state) !== -1) {
          var cancel = document.getElementById("job-cancel");
          if (cancel) { cancel.remove(); }
          var link = box.querySelector("a[download]");
          if (link) { link.focus(); }
          return;
        }
        window.setTimeout(follow, 2000);
      })
      .catch(function () { window.setTimeout(follow, 5000); });
  }

  window.setTimeout(follow, 1000);
}());
