import factory

from cms.members.factories import ActiveMemberFactory

from .models import BankDetails
from .services import save_bank_details


class BankDetailsFactory(factory.django.DjangoModelFactory):
    """Bank details saved the way a member saves them: encrypted, through the service."""

    class Meta:
        model = BankDetails

    member = factory.SubFactory(ActiveMemberFactory)
    account_holder = factory.LazyAttribute(lambda o: o.member.user.get_full_name() or "A Member")
    sort_code = "309480"
    account_number = "00733445"
    roll_number = ""

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        member,
        account_holder,
        sort_code,
        account_number,
        roll_number,
        **kwargs,
    ):
        return save_bank_details(
            member=member,
            account_holder=account_holder,
            sort_code=sort_code,
            account_number=account_number,
            roll_number=roll_number,
            by=member.user,
            tell_member=False,
        )
