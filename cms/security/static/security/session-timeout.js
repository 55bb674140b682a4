// Warns a signed-in person before their session times out, with a button to stay signed
// in. Progressive enhancement: without JavaScript the warning stays hidden and the
// server still signs them out after the idle time.
(function () {
  "use strict";

  var box = document.getElementById("involve-session-warning");
  if (!box || !window.fetch) {
    return;
  }
  var form = box.querySelector("form");
  var warnSeconds = parseInt(box.getAttribute("data-warn-seconds"), 10);
  var statusUrl = box.getAttribute("data-status-url");
  var timer = null;

  function show() {
    box.hidden = false;
  }

  function hide() {
    box.hidden = true;
  }

  function signedOut() {
    // The server has ended the session: reloading shows why, on the sign-in page.
    window.location.reload();
  }

  function schedule(secondsLeft) {
    window.clearTimeout(timer);
    if (secondsLeft <= 0) {
      signedOut();
      return;
    }
    if (secondsLeft <= warnSeconds) {
      show();
      timer = window.setTimeout(check, (secondsLeft + 1) * 1000);
      return;
    }
    hide();
    timer = window.setTimeout(check, (secondsLeft - warnSeconds) * 1000);
  }

  function check() {
    // Another tab may have kept the session going: ask before warning.
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (data.signed_in) {
          schedule(data.seconds_left);
        } else {
          signedOut();
        }
      })
      .catch(function () {
        timer = window.setTimeout(check, 30 * 1000);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new FormData(form),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (data.signed_in) {
          schedule(data.seconds_left);
        } else {
          signedOut();
        }
      })
      .catch(function () {
        form.submit();
      });
  });

  schedule(parseInt(box.getAttribute("data-seconds-left"), 10));
})();
