// Runs before the page is drawn: tells NHS.UK frontend's styles that JavaScript runs here.
// A file, not an inline script, so the strict content security policy needs no nonce and
// pages can be cached for visitors.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
