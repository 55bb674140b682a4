"""Keyboard-only checks shared by the narrow-screen browser tests: Tab to an element by
its name, checking that everything focused on the way is visible and inside the screen,
and that no page scrolls sideways."""

MAX_TABS = 200
# The focused element's name as a screen reader says it: a form field by its label.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const labelled = el.labels && el.labels.length ? el.labels[0] : null;
  // NHS.UK radios and checkboxes draw their focus on the label; the input itself is see-through.
  const shown = (el.type === "radio" || el.type === "checkbox") && labelled ? labelled : el;
  const box = shown.getBoundingClientRect();
  const name = labelled ? labelled.innerText : (el.innerText || el.value || "");
  return {
    text: (name || el.getAttribute("aria-label") || "").trim(),
    visible: shown.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    left: box.left, right: box.right, width: box.width, height: box.height,
    screen: window.innerWidth,
  };
}"""


def assert_nothing_cut_off(page):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide in a {widths[1]}px screen"


def tab_to(page, text: str):
    """Press Tab until the element whose name starts with ``text`` has focus, checking that
    everything focused on the way is visible and inside the screen."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["visible"] and focused["width"] > 0 and focused["height"] > 0, focused
        assert focused["left"] >= -1 and focused["right"] <= focused["screen"] + 1, focused
        if focused["text"].startswith(text):
            return
    raise AssertionError(f"Tab never reached {text!r} on {page.url}")
