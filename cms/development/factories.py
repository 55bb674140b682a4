import factory

from cms.members.factories import ActiveMemberFactory

from .models import DevelopmentAction, DevelopmentGoal, PlanReview, Reflection


class DevelopmentGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentGoal

    member = factory.SubFactory(ActiveMemberFactory)
    what = "Chair a meeting of the carers' forum"
    why = "I would like to help others have their say."
    by_when = None


class DevelopmentActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentAction

    goal = factory.SubFactory(DevelopmentGoalFactory)
    description = "Watch the chair at the next forum meeting"


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    member = factory.SubFactory(ActiveMemberFactory)
    text = "The panel went better than I expected. I asked two questions."


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanReview

    member = factory.SubFactory(ActiveMemberFactory)
    held_on = factory.Faker("past_date")
    held_with = PlanReview.With.SUPERVISOR
    reviewer_name = "Sam Okafor"
    agreed = "Try one interview panel before the summer."
