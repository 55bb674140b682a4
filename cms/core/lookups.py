"""``__in`` on integer columns ignores values the database cannot hold.

Django already does this for ``exact``, ``gt`` and the like (an out-of-range value finds
nothing), but not for ``in``: on SQLite, a form's multiple-choice field posted
``99999999999999999999`` crashed with ``OverflowError`` instead of saying "not one of the
choices". Such a value can never match a row, so dropping it changes no answer.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not self.rhs:
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)
