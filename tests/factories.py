import factory
from django.utils.text import slugify

from schools.addresses import mark_verified_primary
from schools.models import District, Membership, Role, School, User
from successes.models import SuccessStory, Theme

PASSWORD = "correct horse battery"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    time_zone = "America/Chicago"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            mark_verified_primary(obj)  # as invitation acceptance leaves every person


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


def member(*, role: str, school: School | None = None, district: District | None = None,
           **user_fields) -> User:
    """A person with one role, at a school (school roles) or in a district."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, role=role, school=school,
                              district=school.district if school else district)
    return user


__all__ = ["DistrictFactory", "SchoolFactory", "UserFactory", "ThemeFactory", "StoryFactory",
           "member", "Role"]


class StoryFactory(factory.django.DjangoModelFactory):
    """A story by `author` at their school; pass author=... (a member) and visibility."""

    class Meta:
        model = SuccessStory
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Exit tickets that changed lesson {n}")
    what_went_right = "Students explained their thinking in writing; 24 of 27 met the goal."
    visibility = "district"

    @factory.lazy_attribute
    def district(self):
        return self.author.memberships.first().district

    @factory.lazy_attribute
    def school(self):
        membership = self.author.memberships.filter(school__isnull=False).first()
        return membership.school if membership else None
