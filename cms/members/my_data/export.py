"""'Download your data': a zip of everything held about the signed-in person.

Built by walking the models (see ``cms.privacy.relations``), so a new model that
points at a person is included without anyone remembering to add it here.
"""

import csv
import datetime as dt
import decimal
import io
import json
import uuid
import zipfile

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from cms.members.models import MemberProfile
from cms.privacy.relations import REDACTED_FIELDS, personal_data_relations

CSV_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain(value):
    """A value as JSON can hold it."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "(binary data)"
    return value


def serialise_row(obj: models.Model) -> dict:
    """Every field of ``obj``: concrete fields by value, many-to-many as names."""
    redacted = REDACTED_FIELDS.get(obj._meta.label_lower, set())
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in redacted:
            continue
        key = field.attname if field.is_relation else field.name
        row[key] = _plain(getattr(obj, field.attname))
    for field in obj._meta.many_to_many:
        if field.name in redacted:
            continue
        row[field.name] = [str(related) for related in getattr(obj, field.name).all()]
    return row


def _reference_row(obj: models.Model, field_names: list[str]) -> dict:
    # Someone else's record that only names this person (as who did something): say
    # where they are named, without copying the other people's details into the export.
    return {
        "id": obj.pk,
        "you_are_named_as": field_names,
        **{name: _plain(getattr(obj, name)) for name in _dates(obj)},
    }


def _dates(obj):
    return [
        field.name
        for field in obj._meta.concrete_fields
        if isinstance(field, models.DateField | models.DateTimeField)
    ]


def collect_personal_data(user) -> dict[str, list[dict]]:
    """``{"app_label.model": [row, ...]}`` for every model that holds data about ``user``."""
    profile = MemberProfile.objects.filter(user=user).first()
    data: dict[str, list[dict]] = {
        user._meta.label_lower: [serialise_row(user)],
        MemberProfile._meta.label_lower: [serialise_row(profile)] if profile else [],
    }

    owned: dict[str, dict[int, models.Model]] = {}
    named: dict[str, dict[int, tuple[models.Model, list[str]]]] = {}
    labels: list[str] = []
    for relation in personal_data_relations():
        if relation.label not in labels:
            labels.append(relation.label)
        rows = relation.queryset(user, profile)
        if relation.owned:
            bucket = owned.setdefault(relation.label, {})
            for obj in rows:
                bucket[obj.pk] = obj
        else:
            bucket = named.setdefault(relation.label, {})
            for obj in rows:
                bucket.setdefault(obj.pk, (obj, []))[1].append(relation.field.name)
    for label in labels:
        rows = [serialise_row(obj) for obj in owned.get(label, {}).values()]
        owned_ids = set(owned.get(label, {}))
        rows += [
            _reference_row(obj, names)
            for pk, (obj, names) in named.get(label, {}).items()
            if pk not in owned_ids
        ]
        data[label] = rows
    return data


def _csv_cell(value) -> str:
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = "" if value is None else str(value)
    # Spreadsheets run cells that start like a formula: keep them as text.
    return "'" + text if text.startswith(CSV_RISKY_STARTS) else text


def _csv(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return out.getvalue()


README = """Your data from {site}

This file was made on {when}.

data.json holds everything we keep about you, in one file.
The csv folder has the same data as spreadsheets, one for each kind of record.
Each file is named after the part of the website that keeps it; an empty
spreadsheet means we hold nothing of that kind about you.

Your password and sign-in secrets are not included, to keep your account safe.
If you have questions, please contact the involvement team.
"""


def build_export(user, *, site_name: str = "Involve") -> bytes:
    """The zip file: README.txt, data.json and one CSV per model."""
    data = collect_personal_data(user)
    now = timezone.now()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt", README.format(site=site_name, when=now.strftime("%d %B %Y %H:%M"))
        )
        archive.writestr(
            "data.json",
            json.dumps(
                {"exported_at": now.isoformat(), "models": data},
                indent=2,
                ensure_ascii=False,
                default=str,
            ),
        )
        for label, rows in data.items():
            archive.writestr(f"csv/{label}.csv", _csv(rows))
    return buffer.getvalue()
