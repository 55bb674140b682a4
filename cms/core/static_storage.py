"""Static files as production serves them: hashed names, compressed, served by whitenoise."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (glob, tuple(rule for rule in rules if "sourceMappingURL" not in str(rule)))
        for glob, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's storage, minus Django's rewriting of ``sourceMappingURL`` comments.

    wagtail-nhsuk-frontend's minified CSS points at a source map the package does not
    ship, and the manifest storage refuses a reference to a missing file, so
    ``collectstatic`` (and the Docker build) failed. Source maps only serve browser
    developer tools, so the comments are left as they are.
    """

    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
