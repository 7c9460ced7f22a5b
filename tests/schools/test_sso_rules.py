"""Who a district's single sign-on lets in, from the ID token's claims: staff of that district
whose verified work address is theirs here. (End to end, against a real provider:
test_sso_provider.py.)"""

import pytest

from schools import sso
from schools.models import Membership, Role, SignOnKind
from tests.factories import SchoolFactory, UserFactory, member

TENANT = "0b5a7a2e-4c1f-4a39-9c55-0d3c1d2a7f11"


@pytest.fixture
def sign_on(district):
    return sso.save_sign_on(district=district, actor=None, kind=SignOnKind.OIDC, tenant="",
                            issuer_url="https://idp.riverside.example", client_id="forums",
                            client_secret="secret", domains=["riverside.example"],
                            is_enabled=True)


def claims(email: str, verified=True, **more) -> dict:
    return {"sub": "1", "email": email, "email_verified": verified, **more}


def test_staff_with_a_verified_work_address_are_let_in(sign_on, teacher):
    assert sso.refusal(sign_on=sign_on, claims=claims(teacher.email), user=teacher) is None


def test_the_address_is_matched_in_any_letter_case(sign_on, teacher):
    assert sso.refusal(sign_on=sign_on, claims=claims("Maya@Riverside.Example"),
                       user=teacher) is None


@pytest.mark.parametrize("verified", [False, "false", None, "yes", 1])
def test_an_address_the_provider_did_not_verify_is_refused(sign_on, teacher, verified):
    assert sso.refusal(sign_on=sign_on, claims=claims(teacher.email, verified),
                       user=teacher) == sso.Refusal.UNVERIFIED


def test_an_address_outside_the_allowed_domains_is_refused(sign_on, teacher):
    assert sso.refusal(sign_on=sign_on, claims=claims("maya@home.example"),
                       user=teacher) == sso.Refusal.WRONG_DOMAIN


def test_a_subdomain_is_not_the_domain(sign_on, teacher):
    assert sso.refusal(sign_on=sign_on, claims=claims("maya@evil.riverside.example"),
                       user=teacher) == sso.Refusal.WRONG_DOMAIN


def test_a_token_without_an_address_is_refused(sign_on, teacher):
    assert sso.refusal(sign_on=sign_on, claims={"sub": "1", "email_verified": True},
                       user=teacher) == sso.Refusal.UNVERIFIED


def test_someone_without_an_account_is_not_let_in(sign_on):
    assert sso.refusal(sign_on=sign_on, claims=claims("newcomer@riverside.example"),
                       user=None) == sso.Refusal.NOT_STAFF


def test_a_person_of_another_district_cannot_use_this_districts_provider(sign_on,
                                                                          other_district):
    ines = member(role=Role.TEACHER, school=SchoolFactory(district=other_district),
                  email="ines@riverside.example")
    assert sso.refusal(sign_on=sign_on, claims=claims(ines.email),
                       user=ines) == sso.Refusal.NOT_STAFF


def test_a_person_of_both_districts_is_let_in(sign_on, other_district, school):
    sam = member(role=Role.TEACHER, school=SchoolFactory(district=other_district),
                 email="sam@riverside.example")
    Membership.objects.create(user=sam, role=Role.TEACHER, school=school,
                              district=school.district)
    assert sso.refusal(sign_on=sign_on, claims=claims(sam.email), user=sam) is None


def test_a_person_whose_roles_here_ended_is_refused(sign_on, teacher):
    Membership.objects.filter(user=teacher).update(deactivated_at="2026-01-01T00:00Z")
    assert sso.refusal(sign_on=sign_on, claims=claims(teacher.email),
                       user=teacher) == sso.Refusal.NOT_STAFF


def test_an_address_not_proven_here_does_not_lead_into_the_account(sign_on, school):
    """The account linked earlier no longer owns the address the provider vouches for."""
    person = member(role=Role.TEACHER, school=school, email="lee@riverside.example")
    assert sso.refusal(sign_on=sign_on, claims=claims("someone.else@riverside.example"),
                       user=person) == sso.Refusal.NOT_STAFF


def test_a_person_without_roles_anywhere_is_refused(sign_on, db):
    loner = UserFactory(email="loner@riverside.example")
    assert sso.refusal(sign_on=sign_on, claims=claims(loner.email),
                       user=loner) == sso.Refusal.NOT_STAFF


def test_nobody_is_let_in_while_sign_on_is_turned_off(sign_on, teacher):
    sign_on.is_enabled = False
    assert sso.refusal(sign_on=sign_on, claims=claims(teacher.email),
                       user=teacher) == sso.Refusal.TURNED_OFF


def test_google_accounts_must_belong_to_the_districts_workspace(sign_on, teacher):
    """A personal Google account may carry a verified work address; Workspace accounts carry
    their domain in the `hd` claim."""
    sign_on.kind = SignOnKind.GOOGLE
    assert sso.refusal(sign_on=sign_on, claims=claims(teacher.email),
                       user=teacher) == sso.Refusal.NOT_WORKSPACE
    assert sso.refusal(sign_on=sign_on, claims=claims(teacher.email, hd="riverside.example"),
                       user=teacher) is None


def test_microsoft_vouches_for_an_address_with_the_domain_owner_claim(sign_on, teacher):
    """Entra ID tokens carry no email_verified; the optional claim xms_edov says the domain
    owner verified the address."""
    sign_on.kind, sign_on.tenant = SignOnKind.MICROSOFT, TENANT
    without = {"sub": "1", "email": teacher.email}
    assert sso.refusal(sign_on=sign_on, claims=without,
                       user=teacher) == sso.Refusal.UNVERIFIED
    assert sso.refusal(sign_on=sign_on, claims={**without, "xms_edov": True},
                       user=teacher) is None
