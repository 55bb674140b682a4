"""Ranking mentors for a mentee: a pure function, tested without a database."""

from dataclasses import dataclass, field

import pytest

from cms.mentoring.matching import rank_mentors


@dataclass
class Area:
    pk: int
    name: str


@dataclass
class Related:
    items: list

    def all(self):
        return self.items


@dataclass
class Person:
    pk: int
    name: str
    areas: list = field(default_factory=list)
    lived_experience: str = ""
    available_days: list = field(default_factory=list)
    available_times: list = field(default_factory=list)

    @property
    def expertise(self):
        return Related(self.areas)

    def __str__(self):
        return self.name


@dataclass
class Mentor:
    member: Person
    capacity: int = 2
    is_willing: bool = True


DEMENTIA, CARERS, AUTISM = Area(1, "Dementia"), Area(2, "Carers"), Area(3, "Autism")


@pytest.fixture
def mentee():
    return Person(
        1,
        "Dev",
        [DEMENTIA, CARERS],
        "carer",
        ["monday", "tuesday"],
        ["morning"],
    )


def test_shared_expertise_counts_most_and_every_reason_is_given(mentee):
    expert = Mentor(Person(2, "Maureen", [DEMENTIA, CARERS], "carer", ["tuesday"], ["morning"]))
    stranger = Mentor(Person(3, "Graham", [AUTISM], "service_user", ["friday"], ["evening"]))
    ranked = rank_mentors(mentee, [stranger, expert], mentees_taken={})
    assert [s.member.name for s in ranked] == ["Maureen", "Graham"]
    assert ranked[0].reasons == [
        "Shared expertise: Carers, Dementia",
        "Both have experience as a carer",
        "Room for 2 more mentees",
        "Both free on Tuesdays (mornings)",
    ]
    assert ranked[1].reasons == ["Room for 2 more mentees", "Not usually free at the same times"]


def test_the_same_lived_experience_breaks_a_tie_and_both_shares_either(mentee):
    carer = Mentor(Person(2, "Zara", [CARERS], "carer"))
    both = Mentor(Person(3, "Yusuf", [CARERS], "both"))
    user = Mentor(Person(4, "Abe", [CARERS], "service_user"))
    ranked = rank_mentors(mentee, [user, carer, both], mentees_taken={})
    assert [s.member.name for s in ranked] == ["Yusuf", "Zara", "Abe"]
    assert "Both have experience as a carer" in ranked[0].reasons


def test_mentors_with_more_room_come_first_and_full_ones_are_left_out(mentee):
    busy = Mentor(Person(2, "Ann", [CARERS]), capacity=3)
    free = Mentor(Person(3, "Bea", [CARERS]), capacity=3)
    full = Mentor(Person(4, "Cal", [DEMENTIA, CARERS]), capacity=1)
    ranked = rank_mentors(mentee, [busy, free, full], mentees_taken={2: 2, 4: 1})
    assert [s.member.name for s in ranked] == ["Bea", "Ann"]
    assert ranked[1].places_left == 1 and "Room for 1 more mentee" in ranked[1].reasons


def test_overlapping_availability_counts(mentee):
    overlap = Mentor(Person(2, "Bo", [], "", ["monday", "tuesday"], ["morning"]))
    some = Mentor(Person(3, "Al", [], "", ["monday"], ["evening"]))
    ranked = rank_mentors(mentee, [some, overlap], mentees_taken={})
    assert [s.member.name for s in ranked] == ["Bo", "Al"]
    assert "Both free on Mondays, Tuesdays (mornings)" in ranked[0].reasons
    assert "Free at some of the same times" in ranked[1].reasons


def test_unwilling_mentors_the_mentee_and_existing_pairs_are_left_out(mentee):
    unwilling = Mentor(Person(2, "Ann", [CARERS]), is_willing=False)
    paired = Mentor(Person(3, "Bea", [CARERS]))
    themselves = Mentor(mentee)
    other = Mentor(Person(4, "Cal"))
    ranked = rank_mentors(
        mentee, [unwilling, paired, themselves, other], mentees_taken={}, already_paired={3}
    )
    assert [s.member.name for s in ranked] == ["Cal"]
