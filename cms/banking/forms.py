"""The member's bank details form: checked, and only saved with their password."""

import re

from django import forms

from cms.core.forms import NHSUKForm

NOT_DIGITS = re.compile(r"[\s\-–]")


def _digits(value: str) -> str:
    return NOT_DIGITS.sub("", value or "")


class PasswordCheckedForm(NHSUKForm):
    """A form that only validates with the signed-in person's password, asked last."""

    password = forms.CharField(
        label="Your password",
        help_text="The password you use to sign in. We ask for it to keep your bank details safe.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, too_many_tries: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.too_many_tries = too_many_tries
        self.order_fields([name for name in self.fields if name != "password"] + ["password"])

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.too_many_tries:
            raise forms.ValidationError(
                "You have tried too many times. Wait a minute, then try again."
            )
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Check it and try again.")
        return password


class BankDetailsForm(PasswordCheckedForm):
    account_holder = forms.CharField(
        label="Name on the account",
        help_text="As it is shown on your bank card or statement.",
        max_length=140,
        error_messages={"required": "Enter the name on the account"},
        widget=forms.TextInput(attrs={"autocomplete": "cc-name", "spellcheck": "false"}),
    )
    sort_code = forms.CharField(
        label="Sort code",
        help_text="Must be 6 digits long. For example, 12 34 56.",
        max_length=20,
        error_messages={"required": "Enter a sort code"},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "class": "nhsuk-input--width-5",
                "spellcheck": "false",
                "autocomplete": "off",
            }
        ),
    )
    account_number = forms.CharField(
        label="Account number",
        help_text="Must be 8 digits long. For example, 12345678.",
        max_length=20,
        error_messages={"required": "Enter an account number"},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "class": "nhsuk-input--width-10",
                "spellcheck": "false",
                "autocomplete": "off",
            }
        ),
    )
    roll_number = forms.CharField(
        label="Building society roll number (if you have one)",
        help_text="You can find it on your card, statement or passbook. Most people do not have one.",
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_sort_code(self):
        sort_code = _digits(self.cleaned_data["sort_code"])
        if not re.fullmatch(r"\d{6}", sort_code):
            raise forms.ValidationError("Enter a valid sort code like 12 34 56")
        return sort_code

    def clean_account_number(self):
        account_number = _digits(self.cleaned_data["account_number"])
        if not re.fullmatch(r"\d{8}", account_number):
            raise forms.ValidationError("Enter a valid account number like 12345678")
        return account_number

    def clean_roll_number(self):
        roll_number = self.cleaned_data["roll_number"].strip()
        if roll_number and not re.fullmatch(r"[A-Za-z0-9/.\- ]{1,18}", roll_number):
            raise forms.ValidationError(
                "Building society roll number must only include letters a to z, numbers, "
                "hyphens, spaces, forward slashes and full stops"
            )
        return roll_number


class RemoveBankDetailsForm(PasswordCheckedForm):
    """Removing the details asks for the password too."""


class RevealForm(forms.Form):
    """Finance staff say why they need the full details before seeing them."""

    purpose = forms.ChoiceField(
        label="Why do you need the full details?",
        choices=[],
        widget=forms.RadioSelect,
        help_text="This is recorded with your name and the time.",
    )
    reason = forms.CharField(
        label="Explain in a sentence",
        help_text="For example, 'Payment run 14 March, claim C000123'.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        from .models import BankDetailsAccess

        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = BankDetailsAccess.Purpose.choices
