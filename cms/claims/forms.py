"""Member forms for claims, in NHS.UK frontend markup."""

from django import forms

from cms.core.forms import NHSUKForm

from .models import ExpenseType, PaymentChoice
from .services import MAX_RECEIPT_BYTES

PAYMENT_CHOICE_HINTS = {
    PaymentChoice.PAY_ME: "We pay the money into your bank account.",
    PaymentChoice.VOUCHER: "A shopping voucher for the same amount. It may still count as income.",
    PaymentChoice.REDUCED: "Useful if a full payment would take you over a benefits limit.",
    PaymentChoice.DECLINED: "You give your time for free. We still pay back your expenses.",
    PaymentChoice.CHARITY: "We give the money to a charity you name. It is not paid to you.",
}


class PaymentChoiceForm(NHSUKForm):
    choice = forms.ChoiceField(
        label="What would you like us to do with your payment?",
        help_text="You can choose differently for each activity.",
        choices=PaymentChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like us to do with your payment."},
    )
    reduced_amount = forms.DecimalField(
        label="The smaller amount, in pounds (if you chose a smaller amount)",
        help_text="For example 20.00. It must be less than the full payment.",
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=8,
    )
    charity_name = forms.CharField(
        label="The charity's name (if you chose to give it to a charity)",
        help_text="For example Alzheimer's Society.",
        required=False,
        max_length=200,
    )


class ExpenseForm(NHSUKForm):
    expense_type = forms.ChoiceField(
        label="What did you spend money on?",
        help_text="Add each expense separately.",
        choices=ExpenseType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you spent money on."},
    )
    miles = forms.DecimalField(
        label="Miles driven (for mileage only)",
        help_text="There and back, for example 12.5. We work out the amount for you.",
        required=False,
        min_value=0,
        decimal_places=1,
        max_digits=6,
    )
    amount = forms.DecimalField(
        label="How much you spent, in pounds (for everything except mileage)",
        help_text="For example 4.50.",
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=8,
    )
    description = forms.CharField(
        label="What it was for (optional)",
        help_text="For example 'Bus from Hightown and back' or 'Car park at the Civic Centre'.",
        required=False,
        max_length=200,
    )
    receipt = forms.FileField(
        label="Receipt (not needed for mileage)",
        help_text=(
            f"A PDF, or a photo as JPEG or PNG, smaller than {MAX_RECEIPT_BYTES // (1024 * 1024)} MB."
        ),
        required=False,
    )


class AnswerForm(NHSUKForm):
    answer = forms.CharField(
        label="Your answer",
        help_text="Answer the question from finance. We will look at your claim again.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Write your answer."},
    )


class SubmitForm(NHSUKForm):
    confirm = forms.BooleanField(
        label="I confirm this claim is true and I have not claimed for it anywhere else",
        help_text="We may ask you for more information before we pay.",
        error_messages={"required": "Confirm that the claim is true before you send it."},
    )
