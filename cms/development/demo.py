"""Demo development plans for Dev Patel (member@example.org) and Maureen Gallagher
(mentor@example.org): goals with steps, reflections and a review. Safe to run again: a
member who already has goals is left alone."""

import datetime as dt

from django.utils import timezone

from cms.members.models import MemberProfile

from .models import ActionStatus, DevelopmentAction, DevelopmentGoal, PlanReview, Reflection

A = ActionStatus
# email: goals (what, why, months from now, [(step, status, days from now or None)]),
# reflections (days ago, text), review (days ago, with, name, agreed)
PLANS = {
    "member@example.org": {
        "goals": [
            (
                "Sit on an interview panel for a support worker",
                "I want the people who are hired to understand what a good day looks like for us.",
                4,
                [
                    ("Complete the interview panel training", A.DONE, None),
                    ("Watch a panel as an observer", A.IN_PROGRESS, 14),
                    ("Write two questions of my own", A.NOT_STARTED, 40),
                ],
            ),
            (
                "Speak at the mental health forum",
                "To say what helped me, so others get it sooner.",
                6,
                [("Ask one question at the next forum", A.DONE, None)],
            ),
        ],
        "reflections": [
            (
                18,
                "The panel training was clearer than I expected. Role play was hard but useful. "
                "I learned that it is fine to ask for a question to be repeated.",
            ),
            (3, "I asked my question at the forum. My hands shook but people listened."),
        ],
        "review": (
            10,
            PlanReview.With.MENTOR,
            "Maureen Gallagher",
            "Keep going with the panel goal; ask the coordinator about observing in the spring.",
        ),
    },
    "mentor@example.org": {
        "goals": [
            (
                "Become a trainer for the carers' awareness course",
                "I have cared for my husband for years and can help staff see it from our side.",
                9,
                [
                    ("Co-deliver one session with the training lead", A.NOT_STARTED, 25),
                    ("Finish the safeguarding refresher", A.IN_PROGRESS, 10),
                ],
            ),
        ],
        "reflections": [
            (30, "Mentoring Dev reminds me how much I learned in my first year. Slow is fine."),
        ],
        "review": (
            21,
            PlanReview.With.SUPERVISOR,
            "Sam Okafor",
            "Sam will ask the training lead about co-delivery dates. Review again in two months.",
        ),
    },
}


def load_demo() -> None:
    today = timezone.localdate()
    for email, plan in PLANS.items():
        member = MemberProfile.objects.in_bank().filter(user__email=email).first()
        if member is None or DevelopmentGoal.objects.filter(member=member).exists():
            continue
        for what, why, months, steps in plan["goals"]:
            goal = DevelopmentGoal.objects.create(
                member=member, what=what, why=why, by_when=today + dt.timedelta(days=30 * months)
            )
            for description, status, due_in in steps:
                DevelopmentAction.objects.create(
                    goal=goal,
                    description=description,
                    status=status,
                    due_on=today + dt.timedelta(days=due_in) if due_in is not None else None,
                )
        for days_ago, text in plan["reflections"]:
            Reflection.objects.create(
                member=member, written_on=today - dt.timedelta(days=days_ago), text=text
            )
        days_ago, held_with, name, agreed = plan["review"]
        PlanReview.objects.create(
            member=member,
            held_on=today - dt.timedelta(days=days_ago),
            held_with=held_with,
            reviewer_name=name,
            agreed=agreed,
        )
