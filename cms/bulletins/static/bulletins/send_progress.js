// Keeps the bulletin send progress page up to date: polls the send's JSON status every few
// seconds and updates the counts, then reloads once the send has finished so the list of
// failures is complete. Without JavaScript the page has a refresh link instead.
(function () {
  "use strict";
  var root = document.getElementById("bulletin-send-progress");
  if (!root || root.dataset.finished === "true" || !window.fetch) {
    return;
  }
  var url = root.dataset.statusUrl;
  var every = 3000;

  function show(data) {
    root.querySelectorAll("[data-count]").forEach(function (cell) {
      var key = cell.dataset.count;
      if (Object.prototype.hasOwnProperty.call(data, key)) {
        cell.textContent = String(data[key]);
      }
    });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, every);
        }
      })
      .catch(function () {
        window.setTimeout(poll, every * 3);
      });
  }

  window.setTimeout(poll, every);
})();
