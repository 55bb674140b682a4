"""The knowledge check as a form: one group of radios per question."""

from collections.abc import Sequence

from django import forms

from cms.core.forms import NHSUKFormMixin, PageChoiceField

from .services import Question


class AnswerRadios(forms.RadioSelect):
    """Radios whose options render as just their ``<input>``: the NHS.UK field template
    (``forms/involve_field.html``) writes each option's label itself."""

    option_template_name = "django/forms/widgets/input.html"


class KnowledgeCheckForm(NHSUKFormMixin, forms.Form):
    """Built from a module's questions; every question must be answered."""

    def __init__(self, *args, questions: Sequence[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.field_name(question)] = forms.TypedChoiceField(
                label=f"Question {question.number}: {question.text}",
                choices=[(str(index), text) for index, text in enumerate(question.options)],
                coerce=int,
                widget=AnswerRadios,
                error_messages={
                    "required": f"Choose an answer to question {question.number}",
                    "invalid_choice": f"Choose one of the answers to question {question.number}",
                },
            )

    @staticmethod
    def field_name(question: Question) -> str:
        return f"question_{question.number}"

    def answers(self) -> dict[int, int]:
        """The chosen answers, by question number, ready for ``mark_knowledge_check``."""
        return {
            question.number: self.cleaned_data[self.field_name(question)]
            for question in self.questions
        }


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.user.get_full_name() or obj.user.email} ({obj.user.email})"


class RecordAttendanceForm(forms.Form):
    """Coordinators: who attended a face-to-face module's session, and on which day."""

    module = PageChoiceField(
        queryset=None,
        label="Training module",
        help_text="Only modules taught face to face, or partly face to face, are listed.",
    )
    completed_on = forms.DateField(
        label="Date of the session",
        help_text="The day they attended. Their renewal date is worked out from this.",
        # A browser's date picker reads and writes ISO dates, whatever the site's locale.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    members = MemberChoiceField(
        queryset=None,
        label="Who attended",
        help_text="Tick everyone who attended the whole session.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one person who attended."},
    )

    def __init__(self, *args, modules, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["members"].queryset = members
