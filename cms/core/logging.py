"""Keep personal data out of the logs.

``PersonalDataFilter`` sits on every log handler (see LOGGING in settings) and replaces
email addresses, UK phone numbers, postcodes and National Insurance numbers in the
message, its arguments and any traceback before the record is written anywhere. Logs
travel further than the database (hosting dashboards, support tickets), so they should
never need the same care; code should not log personal details in the first place, and
this is the net under that rule.
"""

import logging
import re

PATTERNS = [
    ("[email removed]", re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")),
    # Before phone numbers: "AB 12 34 56 C" would otherwise lose its digits first.
    (
        "[NI number removed]",
        re.compile(
            r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
            r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
            re.IGNORECASE,
        ),
    ),
    (
        "[phone removed]",
        re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[1-9](?:[\s\-()]{0,2}\d){8,9}(?!\d)"),
    ),
    (
        "[postcode removed]",
        re.compile(
            r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", re.I
        ),
    ),
]


def scrub(text: str) -> str:
    """``text`` with personal details replaced by a note of what was there."""
    for replacement, pattern in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Rewrites each record without personal details; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw text rather than lose it
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
